package io.parley.protocol.ratchet;

import io.parley.protocol.codec.Padding;
import io.parley.protocol.crypto.Aead;
import io.parley.protocol.crypto.MlKem;
import io.parley.protocol.crypto.SecureRandoms;
import io.parley.protocol.crypto.X25519;
import java.security.SecureRandom;

/**
 * The end-to-end double ratchet of one connection: Signal's double ratchet with header
 * encryption, started by an X3DH-like agreement, over X25519, HKDF-SHA512 and AES-256-GCM
 * (docs/ratchet.md). Every output of {@link #encrypt} for a given padded length has the same
 * length. A failed {@link #decrypt} leaves the state exactly as it was, so a caller may store
 * {@link #serialize()} together with the message only on success.
 *
 * <p>Limits: {@link #MAX_SKIP} keys skipped per message, {@link #MAX_STORED_SKIPPED_KEYS} held
 * in all, {@link #MAX_TRACKED_CHAINS} old receiving chains remembered. Pure computation: no I/O,
 * no clock. Not thread-safe; one instance per connection, used by one thread at a time.
 */
public final class Ratchet {
  /** Most message keys one received message may make this side skip (derive and store). */
  public static final int MAX_SKIP = 512;
  /** Most skipped message keys held at once; past it the oldest are dropped. */
  public static final int MAX_STORED_SKIPPED_KEYS = 1024;
  /**
   * Most receiving chains (header keys) remembered for late or replayed messages; past it the
   * oldest chain and its keys are dropped. Bounds the header trials a bad message costs.
   */
  public static final int MAX_TRACKED_CHAINS = 32;
  /** Sealed header plus the body's tag: encrypt output = paddedLength + this. UNIT: bytes. */
  public static final int OVERHEAD_BYTES = Header.SEALED_BYTES + Aead.TAG_BYTES;
  /** The same for the hybrid ratchet, whose header carries an ML-KEM key and ciphertext. */
  public static final int PQ_OVERHEAD_BYTES = Header.PQ_SEALED_BYTES + Aead.TAG_BYTES;
  /** Largest padded length: the 2-byte length prefix plus 65535 bytes. UNIT: bytes. */
  public static final int MAX_PADDED_BYTES = Padding.PREFIX_BYTES + 0xFFFF;

  private RatchetState state;
  /** Where header nonces and new ratchet keys come from; tests give a scripted source. */
  private final SecureRandom random;

  private Ratchet(RatchetState state, SecureRandom random) {
    this.state = state;
    this.random = random;
  }

  /**
   * The joiner's ratchet, from its own key pairs and the inviter's public keys taken from the
   * invitation link. The joiner may encrypt at once. A peer key that yields a weak secret is
   * {@code BAD_MESSAGE}.
   */
  public static Ratchet initJoiner(X3dhKeyPairs joinerOwn, RatchetPublicKeys inviter)
      throws RatchetException {
    return initJoiner(joinerOwn, inviter, SecureRandoms.get());
  }

  /** As {@link #initJoiner(X3dhKeyPairs, RatchetPublicKeys)}, drawing from {@code random}. */
  public static Ratchet initJoiner(X3dhKeyPairs joinerOwn, RatchetPublicKeys inviter,
      SecureRandom random) throws RatchetException {
    X25519.KeyPair k1 = joinerOwn.pair1();
    X25519.KeyPair k2 = joinerOwn.pair2();
    Kdf.Initial sk = Kdf.initial(
        agree(k2, inviter.rawKey1()), agree(k1, inviter.rawKey2()), agree(k2, inviter.rawKey2()));
    RatchetState s = new RatchetState();
    s.associatedData = concat(k1.publicKey(), inviter.rawKey1());
    s.dhr = inviter.rawKey2();
    X25519.KeyPair ratchetKey = X25519.generate(random);
    s.dhsPrivate = ratchetKey.privateKey();
    s.dhsPublic = ratchetKey.publicKey();
    Kdf.RootStep sending = Kdf.root(sk.rootKey(), agree(ratchetKey, s.dhr));
    s.rootKey = sending.rootKey();
    s.sendingChainKey = sending.chainKey();
    s.nextSendingHeaderKey = sending.nextHeaderKey();
    s.sendingHeaderKey = sk.headerKey();
    s.nextReceivingHeaderKey = sk.nextHeaderKey();
    return new Ratchet(s, random);
  }

  /** A hybrid joiner's ratchet and the KEM ciphertext its confirmation must carry. */
  public record JoinerStart(Ratchet ratchet, byte[] kemCiphertext) {}

  /**
   * The joiner's hybrid ratchet (docs/ratchet.md, section 12): as {@link #initJoiner}, with an
   * ML-KEM-768 secret encapsulated to the inviter's link key mixed into the initial agreement.
   * Draws, in order: the encapsulation's 32 bytes, the first ratchet key's 32 bytes, the
   * joiner's first KEM pair (32 + 32). An unusable inviter key is {@code BAD_MESSAGE}.
   */
  public static JoinerStart initJoinerPq(X3dhKeyPairs joinerOwn, RatchetPublicKeys inviter,
      byte[] inviterKemKey, SecureRandom random) throws RatchetException {
    MlKem.Encapsulation enc =
        Kdf.encapsulate(inviterKemKey, random, RatchetException.Reason.BAD_MESSAGE);
    X25519.KeyPair k1 = joinerOwn.pair1();
    X25519.KeyPair k2 = joinerOwn.pair2();
    Kdf.Initial sk = Kdf.initialPq(agree(k2, inviter.rawKey1()), agree(k1, inviter.rawKey2()),
        agree(k2, inviter.rawKey2()), enc.secret());
    RatchetState s = new RatchetState();
    s.pq = true;
    s.associatedData = concat(k1.publicKey(), inviter.rawKey1());
    s.dhr = inviter.rawKey2();
    X25519.KeyPair ratchetKey = X25519.generate(random);
    s.dhsPrivate = ratchetKey.privateKey();
    s.dhsPublic = ratchetKey.publicKey();
    MlKem.KeyPair kem = MlKem.generate(random);
    s.kemsPrivate = kem.privateKey();
    s.kemr = inviterKemKey.clone();
    // The first chain's KEM secret is the initial agreement's; its headers carry no ciphertext.
    Kdf.RootStep sending = Kdf.rootPq(sk.rootKey(), agree(ratchetKey, s.dhr), null);
    s.rootKey = sending.rootKey();
    s.sendingChainKey = sending.chainKey();
    s.nextSendingHeaderKey = sending.nextHeaderKey();
    s.sendingHeaderKey = sk.headerKey();
    s.nextReceivingHeaderKey = sk.nextHeaderKey();
    return new JoinerStart(new Ratchet(s, random), enc.ciphertext());
  }

  /**
   * The inviter's hybrid ratchet, from its own key pairs (with the ML-KEM pair whose public key
   * went in the link), the joiner's public keys and the KEM ciphertext of its confirmation. A
   * ciphertext of the wrong length is {@code BAD_MESSAGE}; a tampered one yields other keys, so
   * the confirmation then fails to decrypt.
   */
  public static Ratchet initInviterPq(X3dhKeyPairs inviterOwn, RatchetPublicKeys joiner,
      byte[] kemCiphertext, SecureRandom random) throws RatchetException {
    MlKem.KeyPair kem = inviterOwn.kem();
    if (kem == null) {
      throw new RatchetException(RatchetException.Reason.BAD_STATE, "no KEM key pair");
    }
    byte[] secret =
        Kdf.decapsulate(kem.privateKey(), kemCiphertext, RatchetException.Reason.BAD_MESSAGE);
    X25519.KeyPair k1 = inviterOwn.pair1();
    X25519.KeyPair k2 = inviterOwn.pair2();
    Kdf.Initial sk = Kdf.initialPq(agree(k1, joiner.rawKey2()), agree(k2, joiner.rawKey1()),
        agree(k2, joiner.rawKey2()), secret);
    RatchetState s = new RatchetState();
    s.pq = true;
    s.associatedData = concat(joiner.rawKey1(), k1.publicKey());
    s.dhsPrivate = k2.privateKey();
    s.dhsPublic = k2.publicKey();
    s.kemsPrivate = kem.privateKey();
    s.rootKey = sk.rootKey();
    s.nextSendingHeaderKey = sk.nextHeaderKey();
    s.nextReceivingHeaderKey = sk.headerKey();
    return new Ratchet(s, random);
  }

  /** As {@link #initInviterPq(X3dhKeyPairs, RatchetPublicKeys, byte[], SecureRandom)}. */
  public static Ratchet initInviterPq(X3dhKeyPairs inviterOwn, RatchetPublicKeys joiner,
      byte[] kemCiphertext) throws RatchetException {
    return initInviterPq(inviterOwn, joiner, kemCiphertext, SecureRandoms.get());
  }

  /** As {@link #initJoinerPq(X3dhKeyPairs, RatchetPublicKeys, byte[], SecureRandom)}. */
  public static JoinerStart initJoinerPq(X3dhKeyPairs joinerOwn, RatchetPublicKeys inviter,
      byte[] inviterKemKey) throws RatchetException {
    return initJoinerPq(joinerOwn, inviter, inviterKemKey, SecureRandoms.get());
  }

  /** Whether a stored state blob is of a hybrid ratchet (its format byte), without opening it. */
  public static boolean isPqState(byte[] blob) {
    return blob != null && blob.length > 0
        && (blob[0] & 0xFF) == RatchetState.PQ_FORMAT_VERSION;
  }

  /** Whether this is the hybrid (X25519 + ML-KEM-768) ratchet. */
  public boolean pq() {
    return state.pq;
  }

  /** Bytes {@link #encrypt} adds to the padded length: {@code OVERHEAD_BYTES} or the PQ one. */
  public static int overheadBytes(boolean pq) {
    return pq ? PQ_OVERHEAD_BYTES : OVERHEAD_BYTES;
  }

  /**
   * The inviter's ratchet, from its own key pairs (those whose public keys went in the link) and
   * the joiner's public keys from its confirmation. The inviter's second key pair is its first
   * ratchet key; it cannot encrypt until it has decrypted the joiner's first message.
   */
  public static Ratchet initInviter(X3dhKeyPairs inviterOwn, RatchetPublicKeys joiner)
      throws RatchetException {
    return initInviter(inviterOwn, joiner, SecureRandoms.get());
  }

  /** As {@link #initInviter(X3dhKeyPairs, RatchetPublicKeys)}, drawing from {@code random}. */
  public static Ratchet initInviter(X3dhKeyPairs inviterOwn, RatchetPublicKeys joiner,
      SecureRandom random) throws RatchetException {
    X25519.KeyPair k1 = inviterOwn.pair1();
    X25519.KeyPair k2 = inviterOwn.pair2();
    Kdf.Initial sk = Kdf.initial(
        agree(k1, joiner.rawKey2()), agree(k2, joiner.rawKey1()), agree(k2, joiner.rawKey2()));
    RatchetState s = new RatchetState();
    s.associatedData = concat(joiner.rawKey1(), k1.publicKey());
    s.dhsPrivate = k2.privateKey();
    s.dhsPublic = k2.publicKey();
    s.rootKey = sk.rootKey();
    s.nextSendingHeaderKey = sk.nextHeaderKey();
    s.nextReceivingHeaderKey = sk.headerKey();
    return new Ratchet(s, random);
  }

  /**
   * Encrypts {@code plaintext} padded to {@code paddedLength} bytes; the output is always
   * {@code paddedLength + OVERHEAD_BYTES} bytes. Advances the sending chain. {@code TOO_LARGE}
   * if the plaintext does not fit (at most {@code paddedLength - 2} bytes) or
   * {@code paddedLength} is outside {@code [2, MAX_PADDED_BYTES]}; {@code BAD_STATE} for an
   * inviter that has not received yet. Neither failure changes the state.
   */
  public byte[] encrypt(byte[] plaintext, int paddedLength) throws RatchetException {
    if (paddedLength < Padding.PREFIX_BYTES || paddedLength > MAX_PADDED_BYTES) {
      throw new RatchetException(
          RatchetException.Reason.TOO_LARGE, "padded length " + paddedLength + " out of range");
    }
    if (plaintext.length > Padding.maxContent(paddedLength)) {
      throw new RatchetException(RatchetException.Reason.TOO_LARGE,
          plaintext.length + " bytes do not fit a padded length of " + paddedLength);
    }
    RatchetState s = state;
    if (s.sendingChainKey == null) {
      throw new RatchetException(
          RatchetException.Reason.BAD_STATE, "no sending chain before the first received message");
    }
    // N must stay below the u32 maximum, which receivers refuse (Receiver#checked).
    if (s.sent >= Header.MAX_COUNTER) {
      throw new RatchetException(RatchetException.Reason.BAD_STATE, "sending chain exhausted");
    }
    Kdf.ChainStep step = Kdf.chain(s.sendingChainKey);
    byte[] header = new Header(s.dhsPublic, s.previousSent, s.sent,
        s.pq ? s.kemsPublic() : null, s.pq ? s.kemCiphertext : null)
        .seal(s.sendingHeaderKey, s.associatedData, random);
    byte[] aad = concat(s.associatedData, header);
    byte[] body = Aead.seal(step.messageKey().key(), step.messageKey().nonce(), aad,
        Padding.pad(plaintext, paddedLength));
    s.sendingChainKey = step.nextChainKey();
    s.sent++;
    return concat(header, body);
  }

  /**
   * Decrypts a message from the peer and returns its plaintext. On any failure (see
   * {@link RatchetException.Reason}) the state is exactly as before the call.
   */
  public byte[] decrypt(byte[] message) throws RatchetException {
    if (message == null) {
      throw new RatchetException(RatchetException.Reason.BAD_MESSAGE, "no message");
    }
    RatchetState work = state.copy();
    byte[] plaintext = Receiver.decrypt(work, message, random);
    state = work;
    return plaintext;
  }

  /** The whole state, secret keys included, for storage (docs/ratchet.md, section 8). */
  public byte[] serialize() {
    return state.encode();
  }

  /** Inverse of {@link #serialize()}; a damaged, truncated or unknown blob is BAD_STATE. */
  public static Ratchet deserialize(byte[] blob) throws RatchetException {
    return deserialize(blob, SecureRandoms.get());
  }

  /** As {@link #deserialize(byte[])}, drawing nonces and new keys from {@code random}. */
  public static Ratchet deserialize(byte[] blob, SecureRandom random) throws RatchetException {
    return new Ratchet(RatchetState.decode(blob), random);
  }

  /** Skipped message keys held now; for tests and diagnostics (the count is not secret). */
  int skippedKeyCount() {
    return state.skipped.size();
  }

  @Override
  public String toString() {
    return "Ratchet[redacted]";
  }

  /** The body's associated data: the connection's AD then the sealed header as sent. */
  static byte[] bodyAssociatedData(byte[] ad, byte[] message, boolean pq) {
    int sealed = Header.sealedBytes(pq);
    byte[] out = new byte[ad.length + sealed];
    System.arraycopy(ad, 0, out, 0, ad.length);
    System.arraycopy(message, 0, out, ad.length, sealed);
    return out;
  }

  private static byte[] agree(X25519.KeyPair own, byte[] peerKey) throws RatchetException {
    return Kdf.agree(own.privateKey(), peerKey, RatchetException.Reason.BAD_MESSAGE);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}

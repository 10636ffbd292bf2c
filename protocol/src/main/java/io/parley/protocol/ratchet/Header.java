package io.parley.protocol.ratchet;

import io.parley.protocol.codec.CodecException;
import io.parley.protocol.codec.Decoder;
import io.parley.protocol.codec.Encoder;
import io.parley.protocol.codec.Padding;
import io.parley.protocol.crypto.Aead;
import io.parley.protocol.crypto.CryptoException;
import io.parley.protocol.crypto.MlKem;
import io.parley.protocol.crypto.X25519;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * A ratchet message header (docs/ratchet.md, sections 4 and 12): the sender's ratchet public
 * key, the length of its previous sending chain (PN) and this message's number in the current
 * one (N); in a post-quantum ratchet (version 2) also the sender's current ML-KEM public key and
 * the ciphertext that seeded its current sending chain. It is padded to a fixed size per version
 * and sealed under a header key, so the relay and anyone else see neither keys nor counters.
 *
 * @param kemPublicKey the sender's ML-KEM public key; null in a classic (version 1) header
 * @param kemCiphertext the ciphertext of the sending chain's KEM step; null in a classic header
 *     and in the joiner's first chain, which is covered by the initial agreement's KEM instead
 */
record Header(byte[] ratchetKey, long previousChainLength, long number, byte[] kemPublicKey,
    byte[] kemCiphertext) {
  /** Version of the classic header layout and ratchet. */
  static final int VERSION = 1;
  /** Version of the hybrid (X25519 + ML-KEM-768) header layout and ratchet. */
  static final int PQ_VERSION = 2;
  /** version u16, ratchet key, PN u32, N u32. UNIT: bytes. */
  static final int CONTENT_BYTES = 2 + X25519.KEY_BYTES + 4 + 4;
  /** Header plaintext after padding; the slack leaves room for later fields. UNIT: bytes. */
  static final int PADDED_BYTES = 88;
  /** Sealed header on the wire: nonce, padded header, tag. UNIT: bytes. */
  static final int SEALED_BYTES = Aead.NONCE_BYTES + PADDED_BYTES + Aead.TAG_BYTES;
  /** Largest version 2 content: classic fields, KEM key, flag, ciphertext. UNIT: bytes. */
  static final int PQ_CONTENT_BYTES =
      CONTENT_BYTES + MlKem.PUBLIC_KEY_BYTES + 1 + MlKem.CIPHERTEXT_BYTES;
  /** Version 2 plaintext after padding (2315 content bytes and the length prefix). UNIT: bytes. */
  static final int PQ_PADDED_BYTES = 2320;
  /** Sealed version 2 header on the wire. UNIT: bytes. */
  static final int PQ_SEALED_BYTES = Aead.NONCE_BYTES + PQ_PADDED_BYTES + Aead.TAG_BYTES;
  /** Largest PN or N a header can carry. */
  static final long MAX_COUNTER = 0xFFFF_FFFFL;

  /** A classic header. */
  Header(byte[] ratchetKey, long previousChainLength, long number) {
    this(ratchetKey, previousChainLength, number, null, null);
  }

  boolean pq() {
    return kemPublicKey != null;
  }

  /** Sealed header length for a classic or a hybrid ratchet. UNIT: bytes. */
  static int sealedBytes(boolean pq) {
    return pq ? PQ_SEALED_BYTES : SEALED_BYTES;
  }

  /** Pads and seals this header under {@code headerKey} with a fresh random nonce. */
  byte[] seal(byte[] headerKey, byte[] associatedData, SecureRandom random) {
    Encoder e = new Encoder(PQ_CONTENT_BYTES)
        .u16(pq() ? PQ_VERSION : VERSION)
        .raw(ratchetKey)
        .u32(previousChainLength)
        .u32(number);
    if (pq()) {
      e.raw(kemPublicKey);
      if (kemCiphertext == null) {
        e.u8('0');
      } else {
        e.u8('1').raw(kemCiphertext);
      }
    }
    byte[] nonce = new byte[Aead.NONCE_BYTES];
    random.nextBytes(nonce);
    int padded = pq() ? PQ_PADDED_BYTES : PADDED_BYTES;
    byte[] sealed = Aead.seal(headerKey, nonce, associatedData,
        Padding.pad(e.toByteArray(), padded));
    return new Encoder(sealedBytes(pq())).raw(nonce).raw(sealed).toByteArray();
  }

  /**
   * Opens a sealed header (the first {@link #sealedBytes} bytes of {@code message}). Returns
   * null when it does not authenticate under {@code headerKey}, so the caller can try the next
   * key; an authentic header that does not parse, or whose version is not the one this ratchet
   * speaks, is {@code BAD_HEADER}.
   */
  static Header open(byte[] headerKey, byte[] associatedData, byte[] message, boolean pq)
      throws RatchetException {
    int sealedBytes = sealedBytes(pq);
    byte[] nonce = Arrays.copyOfRange(message, 0, Aead.NONCE_BYTES);
    byte[] sealed = Arrays.copyOfRange(message, Aead.NONCE_BYTES, sealedBytes);
    byte[] padded;
    try {
      padded = Aead.open(headerKey, nonce, associatedData, sealed);
    } catch (CryptoException e) {
      return null;
    }
    try {
      Decoder d = new Decoder(Padding.unpad(padded));
      int version = d.u16();
      if (version != (pq ? PQ_VERSION : VERSION)) {
        throw new RatchetException(
            RatchetException.Reason.BAD_HEADER, "unsupported ratchet version " + version);
      }
      byte[] ratchetKey = d.bytes(X25519.KEY_BYTES);
      long pn = d.u32();
      long n = d.u32();
      Header h;
      if (pq) {
        byte[] kemKey = d.bytes(MlKem.PUBLIC_KEY_BYTES);
        int flag = d.u8();
        if (flag != '0' && flag != '1') {
          throw new RatchetException(RatchetException.Reason.BAD_HEADER, "bad KEM flag");
        }
        h = new Header(ratchetKey, pn, n, kemKey,
            flag == '1' ? d.bytes(MlKem.CIPHERTEXT_BYTES) : null);
      } else {
        h = new Header(ratchetKey, pn, n);
      }
      d.end();
      return h;
    } catch (CodecException e) {
      throw new RatchetException(RatchetException.Reason.BAD_HEADER, "malformed header", e);
    }
  }

  @Override
  public String toString() {
    return "Header[pn=" + previousChainLength + ", n=" + number + ", pq=" + pq() + "]";
  }
}

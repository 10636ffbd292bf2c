package io.parley.protocol.ratchet;

import io.parley.protocol.codec.CodecException;
import io.parley.protocol.codec.Decoder;
import io.parley.protocol.codec.Encoder;
import io.parley.protocol.crypto.CryptoException;
import io.parley.protocol.crypto.MlKem;
import io.parley.protocol.crypto.SecureRandoms;
import io.parley.protocol.crypto.X25519;
import java.security.SecureRandom;

/**
 * One side's two X25519 key pairs for the initial agreement (docs/ratchet.md, section 2), and
 * for a post-quantum inviter also its ML-KEM-768 key pair, whose public key goes in the link
 * (section 12). Secret: {@link #encode()} holds the private keys and {@code toString} is
 * redacted. Immutable and thread-safe.
 */
public final class X3dhKeyPairs {
  /** First byte of {@link #encode()} for X25519 pairs alone. */
  static final int FORMAT_VERSION = 1;
  /** First byte of {@link #encode()} when an ML-KEM pair follows. */
  static final int PQ_FORMAT_VERSION = 2;
  /** Length of {@link #encode()}: version byte and two raw private keys. UNIT: bytes. */
  public static final int ENCODED_BYTES = 1 + 2 * X25519.KEY_BYTES;
  /** Length of {@link #encode()} with an ML-KEM private key. UNIT: bytes. */
  public static final int PQ_ENCODED_BYTES = ENCODED_BYTES + MlKem.PRIVATE_KEY_BYTES;

  private final X25519.KeyPair pair1;
  private final X25519.KeyPair pair2;
  private final MlKem.KeyPair kem;

  private X3dhKeyPairs(X25519.KeyPair pair1, X25519.KeyPair pair2, MlKem.KeyPair kem) {
    this.pair1 = pair1;
    this.pair2 = pair2;
    this.kem = kem;
  }

  /** Two fresh X25519 key pairs from the process CSPRNG. */
  public static X3dhKeyPairs generate() {
    return generate(false, SecureRandoms.get());
  }

  /**
   * Two fresh X25519 key pairs and, if {@code pq}, an ML-KEM-768 pair, drawn from
   * {@code random} in that order.
   */
  public static X3dhKeyPairs generate(boolean pq, SecureRandom random) {
    X25519.KeyPair p1 = X25519.generate(random);
    X25519.KeyPair p2 = X25519.generate(random);
    return new X3dhKeyPairs(p1, p2, pq ? MlKem.generate(random) : null);
  }

  /** The public halves of the X25519 pairs, to publish in a link or confirmation. */
  public RatchetPublicKeys publicKeys() {
    return new RatchetPublicKeys(pair1.publicKey(), pair2.publicKey());
  }

  /** The ML-KEM public key to publish in an invitation link, or null without one. */
  public byte[] kemPublicKey() {
    return kem == null ? null : kem.publicKey().clone();
  }

  /**
   * {@code u8 version ‖ private key 1 ‖ private key 2 [‖ ML-KEM private key]}, for storage
   * until the peer answers.
   */
  public byte[] encode() {
    Encoder e = new Encoder(PQ_ENCODED_BYTES)
        .u8(kem == null ? FORMAT_VERSION : PQ_FORMAT_VERSION)
        .raw(pair1.privateKey())
        .raw(pair2.privateKey());
    if (kem != null) {
      e.raw(kem.privateKey());
    }
    return e.toByteArray();
  }

  /** Inverse of {@link #encode()}; a wrong version or length is {@code BAD_STATE}. */
  public static X3dhKeyPairs decode(byte[] b) throws RatchetException {
    if (b == null) {
      throw new RatchetException(RatchetException.Reason.BAD_STATE, "no key pairs");
    }
    try {
      Decoder d = new Decoder(b);
      int version = d.u8();
      if (version != FORMAT_VERSION && version != PQ_FORMAT_VERSION) {
        throw new RatchetException(
            RatchetException.Reason.BAD_STATE, "unknown key pair format " + version);
      }
      byte[] priv1 = d.bytes(X25519.KEY_BYTES);
      byte[] priv2 = d.bytes(X25519.KEY_BYTES);
      MlKem.KeyPair kem = null;
      if (version == PQ_FORMAT_VERSION) {
        byte[] kemPrivate = d.bytes(MlKem.PRIVATE_KEY_BYTES);
        kem = new MlKem.KeyPair(MlKem.publicKeyOf(kemPrivate), kemPrivate);
      }
      d.end();
      return new X3dhKeyPairs(pairOf(priv1), pairOf(priv2), kem);
    } catch (CodecException | CryptoException e) {
      throw new RatchetException(RatchetException.Reason.BAD_STATE, "malformed key pairs", e);
    }
  }

  private static X25519.KeyPair pairOf(byte[] privateKey) {
    return new X25519.KeyPair(X25519.publicKeyOf(privateKey), privateKey);
  }

  X25519.KeyPair pair1() {
    return pair1;
  }

  X25519.KeyPair pair2() {
    return pair2;
  }

  MlKem.KeyPair kem() {
    return kem;
  }

  @Override
  public String toString() {
    return "X3dhKeyPairs[redacted]";
  }
}

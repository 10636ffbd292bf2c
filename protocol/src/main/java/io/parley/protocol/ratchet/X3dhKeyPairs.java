package io.parley.protocol.ratchet;

import io.parley.protocol.codec.CodecException;
import io.parley.protocol.codec.Decoder;
import io.parley.protocol.codec.Encoder;
import io.parley.protocol.crypto.X25519;

/**
 * One side's two X25519 key pairs for the initial agreement (docs/ratchet.md, section 2). Secret:
 * {@link #encode()} holds both private keys and {@code toString} is redacted. Immutable and
 * thread-safe.
 */
public final class X3dhKeyPairs {
  /** First byte of {@link #encode()}; bumped if the stored layout ever changes. */
  static final int FORMAT_VERSION = 1;
  /** Length of {@link #encode()}: version byte and two raw private keys. UNIT: bytes. */
  public static final int ENCODED_BYTES = 1 + 2 * X25519.KEY_BYTES;

  private final X25519.KeyPair pair1;
  private final X25519.KeyPair pair2;

  private X3dhKeyPairs(X25519.KeyPair pair1, X25519.KeyPair pair2) {
    this.pair1 = pair1;
    this.pair2 = pair2;
  }

  /** Two fresh key pairs from the process CSPRNG. */
  public static X3dhKeyPairs generate() {
    return new X3dhKeyPairs(X25519.generate(), X25519.generate());
  }

  /** The public halves, to publish in a link or confirmation. */
  public RatchetPublicKeys publicKeys() {
    return new RatchetPublicKeys(pair1.publicKey(), pair2.publicKey());
  }

  /** {@code u8 version ‖ private key 1 ‖ private key 2}, for storage until the peer answers. */
  public byte[] encode() {
    return new Encoder(ENCODED_BYTES)
        .u8(FORMAT_VERSION)
        .raw(pair1.privateKey())
        .raw(pair2.privateKey())
        .toByteArray();
  }

  /** Inverse of {@link #encode()}; a wrong version or length is {@code BAD_STATE}. */
  public static X3dhKeyPairs decode(byte[] b) throws RatchetException {
    if (b == null) {
      throw new RatchetException(RatchetException.Reason.BAD_STATE, "no key pairs");
    }
    try {
      Decoder d = new Decoder(b);
      int version = d.u8();
      if (version != FORMAT_VERSION) {
        throw new RatchetException(
            RatchetException.Reason.BAD_STATE, "unknown key pair format " + version);
      }
      byte[] priv1 = d.bytes(X25519.KEY_BYTES);
      byte[] priv2 = d.bytes(X25519.KEY_BYTES);
      d.end();
      return new X3dhKeyPairs(pairOf(priv1), pairOf(priv2));
    } catch (CodecException e) {
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

  @Override
  public String toString() {
    return "X3dhKeyPairs[redacted]";
  }
}

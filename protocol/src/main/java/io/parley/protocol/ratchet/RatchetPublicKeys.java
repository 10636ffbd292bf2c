package io.parley.protocol.ratchet;

import io.parley.protocol.codec.CodecException;
import io.parley.protocol.codec.Decoder;
import io.parley.protocol.codec.Encoder;
import io.parley.protocol.crypto.X25519;
import java.util.Arrays;

/**
 * One side's two public X25519 keys for the initial agreement (docs/ratchet.md, section 2):
 * the inviter's travel in the invitation link, the joiner's in its confirmation. Encoded as two
 * {@code key} fields ({@code short} of 32 raw bytes), {@value #ENCODED_BYTES} bytes in all.
 * Immutable; accessors return copies. {@code toString} is redacted because the keys identify a
 * connection.
 */
public record RatchetPublicKeys(byte[] key1, byte[] key2) {
  /** Length of {@link #encode()}. UNIT: bytes. */
  public static final int ENCODED_BYTES = 2 * (1 + X25519.KEY_BYTES);

  /** Copies both keys; each must be exactly {@value X25519#KEY_BYTES} bytes. */
  public RatchetPublicKeys {
    if (key1 == null || key2 == null) {
      throw new IllegalArgumentException("both public keys are required");
    }
    if (key1.length != X25519.KEY_BYTES || key2.length != X25519.KEY_BYTES) {
      throw new IllegalArgumentException("public keys must be " + X25519.KEY_BYTES + " bytes");
    }
    key1 = key1.clone();
    key2 = key2.clone();
  }

  @Override
  public byte[] key1() {
    return key1.clone();
  }

  @Override
  public byte[] key2() {
    return key2.clone();
  }

  /** {@code short(key1) ‖ short(key2)}. */
  public byte[] encode() {
    return new Encoder(ENCODED_BYTES).shortBytes(key1).shortBytes(key2).toByteArray();
  }

  /** Inverse of {@link #encode()}; anything else is {@code BAD_MESSAGE}. */
  public static RatchetPublicKeys decode(byte[] b) throws RatchetException {
    if (b == null) {
      throw new RatchetException(RatchetException.Reason.BAD_MESSAGE, "no public keys");
    }
    try {
      Decoder d = new Decoder(b);
      byte[] k1 = d.shortBytes(X25519.KEY_BYTES, "ratchet key 1");
      byte[] k2 = d.shortBytes(X25519.KEY_BYTES, "ratchet key 2");
      d.end();
      return new RatchetPublicKeys(k1, k2);
    } catch (CodecException e) {
      throw new RatchetException(
          RatchetException.Reason.BAD_MESSAGE, "malformed public keys", e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RatchetPublicKeys other
        && Arrays.equals(key1, other.key1)
        && Arrays.equals(key2, other.key2);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(key1) + Arrays.hashCode(key2);
  }

  @Override
  public String toString() {
    return "RatchetPublicKeys[redacted]";
  }

  /** Internal access without copying, for key agreement inside this package. */
  byte[] rawKey1() {
    return key1;
  }

  byte[] rawKey2() {
    return key2;
  }
}

package io.parley.protocol.crypto;

import java.security.SecureRandom;

/**
 * X25519 key agreement on raw 32-byte keys, on libsodium where it loads (about twice
 * BouncyCastle's speed, which is itself about twice JDK 17's) and on BouncyCastle elsewhere;
 * see {@link Curve25519Engines}. Stateless and thread-safe.
 */
public final class X25519 {
  /** Raw key length. UNIT: bytes. */
  public static final int KEY_BYTES = 32;

  /** A key pair as raw bytes; the private part is secret and must never be logged. */
  public record KeyPair(byte[] publicKey, byte[] privateKey) {
    @Override
    public String toString() {
      return "X25519.KeyPair[redacted]";
    }
  }

  /**
   * Any private key serves to probe: clamping makes every scalar a multiple of 8, which sends
   * each low-order point, and only those, to zero.
   */
  private static final byte[] PROBE_SCALAR = new byte[KEY_BYTES];

  private static final Curve25519Engine ENGINE = Curve25519Engines.select();

  private X25519() {}

  /** What computes the agreements in this JVM, e.g. {@code libsodium}, for logs and reports. */
  public static String engine() {
    return ENGINE.name();
  }

  /**
   * Whether {@code publicKey} is a low-order point (or a non-canonical alias of one): every
   * agreement with it is all zero, so it can never be a usable key. Costs one agreement.
   */
  public static boolean isLowOrder(byte[] publicKey) {
    try {
      agree(PROBE_SCALAR, publicKey);
      return false;
    } catch (CryptoException e) {
      return true;
    }
  }

  public static KeyPair generate() {
    return generate(SecureRandoms.get());
  }

  /** A key pair from {@code random}'s next 32 bytes (clamped as RFC 7748 says). */
  public static KeyPair generate(SecureRandom random) {
    byte[] priv = new byte[KEY_BYTES];
    random.nextBytes(priv);
    // Stored clamped, as RFC 7748 section 5 makes every scalar.
    priv[0] &= (byte) 0xf8;
    priv[KEY_BYTES - 1] &= 0x7f;
    priv[KEY_BYTES - 1] |= 0x40;
    return new KeyPair(publicKeyOf(priv), priv);
  }

  public static byte[] publicKeyOf(byte[] privateKey) {
    if (privateKey.length != KEY_BYTES) {
      // Checked here: the native engine would read past a shorter array.
      throw new IllegalArgumentException("X25519 private keys are " + KEY_BYTES + " bytes");
    }
    byte[] pub = new byte[KEY_BYTES];
    ENGINE.scalarMultBase(privateKey, pub);
    return pub;
  }

  /**
   * Computes the shared secret. An all-zero result (a low-order peer key) is refused, so a peer
   * cannot force a known secret.
   */
  public static byte[] agree(byte[] privateKey, byte[] publicKey) throws CryptoException {
    if (privateKey.length != KEY_BYTES || publicKey.length != KEY_BYTES) {
      throw new CryptoException("X25519 keys must be " + KEY_BYTES + " bytes");
    }
    byte[] out = new byte[KEY_BYTES];
    ENGINE.scalarMult(privateKey, publicKey, out);
    int acc = 0;
    for (byte b : out) {
      acc |= b;
    }
    if (acc == 0) {
      throw new CryptoException("X25519 agreement produced a weak secret");
    }
    return out;
  }
}

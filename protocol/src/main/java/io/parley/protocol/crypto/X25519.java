package io.parley.protocol.crypto;

import java.security.SecureRandom;
import java.util.HexFormat;

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
   * Every u-coordinate whose point has order dividing 8, on the curve or its twist (0, 1, -1
   * and the two of order 8), plus the two non-canonical encodings below 2^255 that reduce to
   * one of them (p and p + 1; the others' aliases would need bit 255). Little-endian, bit 255
   * clear: RFC 7748 ignores that bit, so {@link #isLowOrder} clears it before comparing. The
   * clamped scalar of every agreement is a multiple of 8, so these, and only these, give an
   * all-zero secret.
   */
  private static final byte[][] LOW_ORDER_U = {
      hex("0000000000000000000000000000000000000000000000000000000000000000"),
      hex("0100000000000000000000000000000000000000000000000000000000000000"),
      hex("e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800"),
      hex("5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157"),
      hex("ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"),
      hex("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"),
      hex("eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"),
  };

  private static final Curve25519Engine ENGINE = Curve25519Engines.select();

  private X25519() {}

  /** What computes the agreements in this JVM, e.g. {@code libsodium}, for logs and reports. */
  public static String engine() {
    return ENGINE.name();
  }

  /**
   * Whether {@code publicKey} is a low-order point (or a non-canonical alias of one), or not a
   * 32-byte key at all: every agreement with it is all zero, so it can never be a usable key.
   * A comparison against the fixed list, in time that depends on neither the key nor which
   * entry matches (a scalar multiplication, which this once was, cost a thousand times more).
   */
  public static boolean isLowOrder(byte[] publicKey) {
    if (publicKey.length != KEY_BYTES) {
      return true;
    }
    int matches = 0;
    for (byte[] low : LOW_ORDER_U) {
      int diff = 0;
      for (int i = 0; i < KEY_BYTES - 1; i++) {
        diff |= (publicKey[i] ^ low[i]) & 0xff;
      }
      diff |= (publicKey[KEY_BYTES - 1] ^ low[KEY_BYTES - 1]) & 0x7f;
      // 1 when diff == 0, else 0, without a branch on the key.
      matches |= ((diff - 1) >>> 31) & 1;
    }
    return matches != 0;
  }

  private static byte[] hex(String s) {
    return HexFormat.of().parseHex(s);
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

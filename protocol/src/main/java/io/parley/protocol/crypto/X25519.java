package io.parley.protocol.crypto;

import java.security.SecureRandom;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;

/**
 * X25519 key agreement on raw 32-byte keys (BouncyCastle: ~2x faster than JDK 17's). Stateless
 * and thread-safe.
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

  private X25519() {}

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
    X25519PrivateKeyParameters priv = new X25519PrivateKeyParameters(random);
    return new KeyPair(priv.generatePublicKey().getEncoded(), priv.getEncoded());
  }

  public static byte[] publicKeyOf(byte[] privateKey) {
    return new X25519PrivateKeyParameters(privateKey, 0).generatePublicKey().getEncoded();
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
    try {
      new X25519PrivateKeyParameters(privateKey, 0)
          .generateSecret(new X25519PublicKeyParameters(publicKey, 0), out, 0);
    } catch (IllegalStateException e) {
      // BouncyCastle refuses a low-order point itself in some versions.
      throw new CryptoException("X25519 agreement produced a weak secret");
    }
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

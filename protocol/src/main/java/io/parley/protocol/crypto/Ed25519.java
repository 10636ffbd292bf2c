package io.parley.protocol.crypto;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * Ed25519 signatures on raw keys (BouncyCastle: sign ~38 us, verify ~100 us on the project
 * machine, against ~700 us for JDK 17). Thread-safe.
 */
public final class Ed25519 {
  public static final int PUBLIC_KEY_BYTES = 32;
  public static final int PRIVATE_KEY_BYTES = 32;
  public static final int SIGNATURE_BYTES = 64;

  /** Raw key pair; the private part is secret. */
  public record KeyPair(byte[] publicKey, byte[] privateKey) {
    @Override
    public String toString() {
      return "Ed25519.KeyPair[redacted]";
    }
  }

  private Ed25519() {}

  public static KeyPair generate() {
    Ed25519PrivateKeyParameters priv = new Ed25519PrivateKeyParameters(SecureRandoms.get());
    return new KeyPair(priv.generatePublicKey().getEncoded(), priv.getEncoded());
  }

  public static byte[] sign(byte[] privateKey, byte[] message) {
    Ed25519Signer s = new Ed25519Signer();
    s.init(true, new Ed25519PrivateKeyParameters(privateKey, 0));
    s.update(message, 0, message.length);
    return s.generateSignature();
  }

  /** False for a wrong signature, a wrong-length key or signature; never throws on bad input. */
  public static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
    if (publicKey.length != PUBLIC_KEY_BYTES || signature.length != SIGNATURE_BYTES) {
      return false;
    }
    try {
      Ed25519Signer s = new Ed25519Signer();
      s.init(false, new Ed25519PublicKeyParameters(publicKey, 0));
      s.update(message, 0, message.length);
      return s.verifySignature(signature);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}

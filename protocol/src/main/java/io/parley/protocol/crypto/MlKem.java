package io.parley.protocol.crypto;

import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.SecretWithEncapsulation;
import org.bouncycastle.pqc.crypto.mlkem.MLKEMExtractor;
import org.bouncycastle.pqc.crypto.mlkem.MLKEMGenerator;
import org.bouncycastle.pqc.crypto.mlkem.MLKEMKeyGenerationParameters;
import org.bouncycastle.pqc.crypto.mlkem.MLKEMKeyPairGenerator;
import org.bouncycastle.pqc.crypto.mlkem.MLKEMParameters;
import org.bouncycastle.pqc.crypto.mlkem.MLKEMPrivateKeyParameters;
import org.bouncycastle.pqc.crypto.mlkem.MLKEMPublicKeyParameters;

/**
 * ML-KEM-768 (FIPS 203) on raw encodings, for the post-quantum part of the hybrid ratchet
 * (docs/ratchet.md, section 12). Randomness is drawn from the caller's source so vectors can
 * script it: key generation draws d then z (32 bytes each), encapsulation draws m (32 bytes).
 * Stateless and thread-safe.
 */
public final class MlKem {
  /** Encapsulation (public) key. UNIT: bytes. */
  public static final int PUBLIC_KEY_BYTES = 1184;
  /** Decapsulation (private) key, which embeds the public key. UNIT: bytes. */
  public static final int PRIVATE_KEY_BYTES = 2400;
  /** Ciphertext. UNIT: bytes. */
  public static final int CIPHERTEXT_BYTES = 1088;
  /** Shared secret. UNIT: bytes. */
  public static final int SECRET_BYTES = 32;

  /** Where ek starts in dk: after dk_PKE, 384 bytes per polynomial, k = 3. UNIT: bytes. */
  private static final int EMBEDDED_PUBLIC_KEY_OFFSET = 384 * 3;

  private static final MLKEMParameters PARAMS = MLKEMParameters.ml_kem_768;

  /** A key pair as raw encodings; the private part is secret and must never be logged. */
  public record KeyPair(byte[] publicKey, byte[] privateKey) {
    @Override
    public String toString() {
      return "MlKem.KeyPair[redacted]";
    }
  }

  /** A ciphertext to send and the secret it carries. The secret must never be logged. */
  public record Encapsulation(byte[] ciphertext, byte[] secret) {
    @Override
    public String toString() {
      return "MlKem.Encapsulation[redacted]";
    }
  }

  private MlKem() {}

  public static KeyPair generate(SecureRandom random) {
    MLKEMKeyPairGenerator g = new MLKEMKeyPairGenerator();
    g.init(new MLKEMKeyGenerationParameters(random, PARAMS));
    var pair = g.generateKeyPair();
    return new KeyPair(((MLKEMPublicKeyParameters) pair.getPublic()).getEncoded(),
        ((MLKEMPrivateKeyParameters) pair.getPrivate()).getEncoded());
  }

  /**
   * The public key embedded in a private key encoding, copied out of it: FIPS 203 lays the
   * decapsulation key out as {@code dk_PKE (384k bytes) || ek || H(ek) || z}. No hash check:
   * the private keys read here are this agent's own, from its own store, and parsing one (which
   * hashes ek) cost a tenth of a daemon's start with 100,000 post-quantum connections.
   */
  public static byte[] publicKeyOf(byte[] privateKey) throws CryptoException {
    if (privateKey == null || privateKey.length != PRIVATE_KEY_BYTES) {
      throw new CryptoException("ML-KEM private key must be " + PRIVATE_KEY_BYTES + " bytes");
    }
    return Arrays.copyOfRange(privateKey, EMBEDDED_PUBLIC_KEY_OFFSET,
        EMBEDDED_PUBLIC_KEY_OFFSET + PUBLIC_KEY_BYTES);
  }

  /**
   * A fresh secret encapsulated to {@code publicKey}. A key of the wrong length or whose
   * coefficients are not reduced (the FIPS 203 modulus check) is refused.
   */
  public static Encapsulation encapsulate(byte[] publicKey, SecureRandom random)
      throws CryptoException {
    if (publicKey == null || publicKey.length != PUBLIC_KEY_BYTES) {
      throw new CryptoException("ML-KEM public key must be " + PUBLIC_KEY_BYTES + " bytes");
    }
    MLKEMPublicKeyParameters pub;
    try {
      pub = new MLKEMPublicKeyParameters(PARAMS, publicKey);
    } catch (RuntimeException e) {
      throw new CryptoException("unusable ML-KEM public key");
    }
    if (!java.util.Arrays.equals(pub.getEncoded(), publicKey)) {
      throw new CryptoException("ML-KEM public key is not canonical");
    }
    SecretWithEncapsulation s;
    try {
      s = new MLKEMGenerator(random).generateEncapsulated(pub);
    } catch (RuntimeException e) {
      throw new CryptoException("unusable ML-KEM public key");
    }
    return new Encapsulation(s.getEncapsulation(), s.getSecret());
  }

  /**
   * The secret in {@code ciphertext}. ML-KEM never fails on a wrong ciphertext (it returns an
   * unrelated secret), so a tampered ciphertext shows up later as keys that do not open.
   */
  public static byte[] decapsulate(byte[] privateKey, byte[] ciphertext) throws CryptoException {
    if (ciphertext == null || ciphertext.length != CIPHERTEXT_BYTES) {
      throw new CryptoException("ML-KEM ciphertext must be " + CIPHERTEXT_BYTES + " bytes");
    }
    return new MLKEMExtractor(privateKey(privateKey)).extractSecret(ciphertext);
  }

  private static MLKEMPrivateKeyParameters privateKey(byte[] encoded) throws CryptoException {
    if (encoded == null || encoded.length != PRIVATE_KEY_BYTES) {
      throw new CryptoException("ML-KEM private key must be " + PRIVATE_KEY_BYTES + " bytes");
    }
    try {
      return new MLKEMPrivateKeyParameters(PARAMS, encoded);
    } catch (RuntimeException e) {
      throw new CryptoException("malformed ML-KEM private key");
    }
  }
}

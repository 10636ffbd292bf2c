package io.parley.protocol.ratchet;

import io.parley.protocol.crypto.Aead;
import io.parley.protocol.crypto.CryptoException;
import io.parley.protocol.crypto.Hkdf;
import io.parley.protocol.crypto.MlKem;
import io.parley.protocol.crypto.X25519;
import java.util.Arrays;

/**
 * X25519 agreement and the three HKDF-SHA512 derivations of the ratchet (docs/ratchet.md,
 * section 3). The info strings carry a version so a later derivation cannot collide with these.
 */
final class Kdf {
  /** Every root, chain and header key. UNIT: bytes. */
  static final int KEY_BYTES = 32;
  static final String X3DH_INFO = "parley-x3dh-v1";
  static final String ROOT_INFO = "parley-root-v1";
  static final String CHAIN_INFO = "parley-chain-v1";
  static final String PQ_X3DH_INFO = "parley-pqx3dh-v2";
  static final String PQ_ROOT_INFO = "parley-pqroot-v2";
  /** Salt of the initial derivation: 64 zero bytes, one SHA-512 block of nothing. */
  private static final byte[] X3DH_SALT = new byte[64];
  private static final byte[] NO_SALT = new byte[0];

  /** Keys agreed by the initial key agreement. */
  record Initial(byte[] headerKey, byte[] nextHeaderKey, byte[] rootKey) {}

  /** Output of one root KDF step. */
  record RootStep(byte[] rootKey, byte[] chainKey, byte[] nextHeaderKey) {}

  /** Output of one chain KDF step. */
  record ChainStep(byte[] nextChainKey, MessageKey messageKey) {}

  private Kdf() {}

  /**
   * X25519 with a peer key; a key giving a weak (all-zero) secret fails with {@code reason},
   * because a peer that could force the secret would control every key derived from it.
   */
  static byte[] agree(byte[] privateKey, byte[] peerPublicKey, RatchetException.Reason reason)
      throws RatchetException {
    try {
      return X25519.agree(privateKey, peerPublicKey);
    } catch (CryptoException e) {
      throw new RatchetException(reason, "unusable peer ratchet key", e);
    }
  }

  static Initial initial(byte[] dh1, byte[] dh2, byte[] dh3) {
    byte[] ikm = new byte[3 * KEY_BYTES];
    System.arraycopy(dh1, 0, ikm, 0, KEY_BYTES);
    System.arraycopy(dh2, 0, ikm, KEY_BYTES, KEY_BYTES);
    System.arraycopy(dh3, 0, ikm, 2 * KEY_BYTES, KEY_BYTES);
    byte[] out = Hkdf.sha512(X3DH_SALT, ikm, X3DH_INFO, 3 * KEY_BYTES);
    return new Initial(slice(out, 0), slice(out, 1), slice(out, 2));
  }

  /**
   * The hybrid initial agreement: the three X25519 outputs then the ML-KEM secret, under its own
   * label, so a classic and a hybrid agreement over the same X25519 keys never share a key.
   */
  static Initial initialPq(byte[] dh1, byte[] dh2, byte[] dh3, byte[] kemSecret) {
    byte[] ikm = concat(concat(concat(dh1, dh2), dh3), kemSecret);
    byte[] out = Hkdf.sha512(X3DH_SALT, ikm, PQ_X3DH_INFO, 3 * KEY_BYTES);
    return new Initial(slice(out, 0), slice(out, 1), slice(out, 2));
  }

  /**
   * The hybrid root step: {@code dh ‖ kemSecret}, or {@code dh} alone for the one step that has
   * no KEM ciphertext (the inviter receiving the joiner's first chain).
   */
  static RootStep rootPq(byte[] rootKey, byte[] dhOutput, byte[] kemSecret) {
    byte[] ikm = kemSecret == null ? dhOutput : concat(dhOutput, kemSecret);
    byte[] out = Hkdf.sha512(rootKey, ikm, PQ_ROOT_INFO, 3 * KEY_BYTES);
    return new RootStep(slice(out, 0), slice(out, 1), slice(out, 2));
  }

  /** ML-KEM decapsulation; a malformed ciphertext or key fails with {@code reason}. */
  static byte[] decapsulate(byte[] privateKey, byte[] ciphertext, RatchetException.Reason reason)
      throws RatchetException {
    try {
      return MlKem.decapsulate(privateKey, ciphertext);
    } catch (CryptoException e) {
      throw new RatchetException(reason, "unusable KEM ciphertext", e);
    }
  }

  /** ML-KEM encapsulation to a peer key; an unusable key fails with {@code reason}. */
  static MlKem.Encapsulation encapsulate(byte[] publicKey, java.security.SecureRandom random,
      RatchetException.Reason reason) throws RatchetException {
    try {
      return MlKem.encapsulate(publicKey, random);
    } catch (CryptoException e) {
      throw new RatchetException(reason, "unusable peer KEM key", e);
    }
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  static RootStep root(byte[] rootKey, byte[] dhOutput) {
    byte[] out = Hkdf.sha512(rootKey, dhOutput, ROOT_INFO, 3 * KEY_BYTES);
    return new RootStep(slice(out, 0), slice(out, 1), slice(out, 2));
  }

  static ChainStep chain(byte[] chainKey) {
    int length = 2 * KEY_BYTES + Aead.NONCE_BYTES;
    byte[] out = Hkdf.sha512(NO_SALT, chainKey, CHAIN_INFO, length);
    MessageKey mk = new MessageKey(slice(out, 1), Arrays.copyOfRange(out, 2 * KEY_BYTES, length));
    return new ChainStep(slice(out, 0), mk);
  }

  private static byte[] slice(byte[] out, int index) {
    return Arrays.copyOfRange(out, index * KEY_BYTES, (index + 1) * KEY_BYTES);
  }
}

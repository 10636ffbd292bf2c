package io.parley.protocol.crypto;

import java.util.Arrays;

/**
 * The relay-to-recipient encryption layer (docs/protocol.md section 7): AES-256-GCM under a key
 * derived from the queue's relay/recipient X25519 secret, with the message id as nonce source
 * and associated data. Message ids are random and unique per queue, so nonces never repeat under
 * one key. Stateless and thread-safe.
 */
public final class DeliveryCrypto {
  /** HKDF info string binding the derived key to this use. */
  public static final String INFO = "parley-delivery-v1";
  /** Shortest message id usable as a nonce source. UNIT: bytes. */
  public static final int MIN_MSG_ID_BYTES = Aead.NONCE_BYTES;

  private static final byte[] NO_SALT = new byte[0];

  private DeliveryCrypto() {}

  /** HKDF-SHA512(empty salt, dhSecret, {@link #INFO}, 32 bytes). */
  public static byte[] deliveryKey(byte[] dhSecret) {
    return Hkdf.sha512(NO_SALT, dhSecret, INFO, Aead.KEY_BYTES);
  }

  /**
   * Encrypts an already padded delivered message.
   *
   * @throws IllegalArgumentException if the message id is shorter than a nonce or the key is not
   *     32 bytes (both are the relay's own values, so this is a programming error)
   */
  public static byte[] seal(byte[] deliveryKey, byte[] msgId, byte[] padded) {
    if (msgId.length < MIN_MSG_ID_BYTES) {
      throw new IllegalArgumentException("message id shorter than " + MIN_MSG_ID_BYTES + " bytes");
    }
    return Aead.seal(deliveryKey, nonce(msgId), msgId, padded);
  }

  /** Decrypts and authenticates; any mismatch (key, id, bytes) is a {@link CryptoException}. */
  public static byte[] open(byte[] deliveryKey, byte[] msgId, byte[] ciphertext)
      throws CryptoException {
    if (msgId.length < MIN_MSG_ID_BYTES) {
      throw new CryptoException("message id shorter than " + MIN_MSG_ID_BYTES + " bytes");
    }
    if (deliveryKey.length != Aead.KEY_BYTES) {
      throw new CryptoException("delivery key must be " + Aead.KEY_BYTES + " bytes");
    }
    return Aead.open(deliveryKey, nonce(msgId), msgId, ciphertext);
  }

  private static byte[] nonce(byte[] msgId) {
    return Arrays.copyOf(msgId, Aead.NONCE_BYTES);
  }
}

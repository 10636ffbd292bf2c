package io.parley.protocol.crypto;

import io.parley.protocol.ProtocolLimits;

/**
 * Queue command authorization (docs/protocol.md section 5): a per-session MAC key derived from
 * X25519 between the queue's authorization key and the relay's per-connection session key, then
 * HMAC-SHA256 over the authorized bytes. Deniable and cheap: one DH per queue per session.
 * Stateless and thread-safe.
 */
public final class QueueAuth {
  /** HKDF info string binding the derived key to this use. */
  public static final String INFO = "parley-auth-v1";
  /** Derived MAC key length. UNIT: bytes. */
  public static final int AUTH_KEY_BYTES = 32;

  /**
   * Per-process random key used when a queue or its key is missing, so rejecting costs the same
   * time as a real check. Being secret and random, no authenticator can ever verify against it.
   */
  private static final byte[] DUMMY_AUTH_KEY = SecureRandoms.bytes(AUTH_KEY_BYTES);

  private QueueAuth() {}

  /** HKDF-SHA512(salt = sessionId, ikm = dhSecret, info = {@link #INFO}, 32 bytes). */
  public static byte[] authKey(byte[] sessionId, byte[] dhSecret) {
    return Hkdf.sha512(sessionId, dhSecret, INFO, AUTH_KEY_BYTES);
  }

  /** The client's side: its queue authorization private key with the relay's session key. */
  public static byte[] clientAuthKey(
      byte[] sessionId, byte[] queueAuthPrivateKey, byte[] relaySessionPublicKey)
      throws CryptoException {
    return authKey(sessionId, X25519.agree(queueAuthPrivateKey, relaySessionPublicKey));
  }

  /** The relay's side: its session private key with the queue's stored public key. */
  public static byte[] relayAuthKey(
      byte[] sessionId, byte[] relaySessionPrivateKey, byte[] queueAuthPublicKey)
      throws CryptoException {
    return authKey(sessionId, X25519.agree(relaySessionPrivateKey, queueAuthPublicKey));
  }

  /** HMAC-SHA256 of the authorized bytes: the 32-byte authenticator of a transmission. */
  public static byte[] authenticate(byte[] authKey, byte[] authorizedBytes) {
    return Hashes.hmacSha256(authKey, authorizedBytes);
  }

  /**
   * Checks an authenticator in constant time. A wrong-length authenticator is false (after the
   * same MAC work, so its length does not show in the timing).
   */
  public static boolean verify(byte[] authKey, byte[] authorizedBytes, byte[] authenticator) {
    byte[] expected = authenticate(authKey, authorizedBytes);
    boolean lengthOk = authenticator.length == ProtocolLimits.AUTHENTICATOR_BYTES;
    return Hashes.constantTimeEquals(expected, authenticator) & lengthOk;
  }

  /**
   * A key to verify against when the queue or its key does not exist, so the rejection takes as
   * long as a real check. Nothing verifies against it. Returns a copy.
   */
  public static byte[] dummyAuthKey() {
    return DUMMY_AUTH_KEY.clone();
  }
}

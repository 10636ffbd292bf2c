package io.parley.relay.server;

import io.parley.protocol.Transmission;
import io.parley.protocol.crypto.CryptoException;
import io.parley.protocol.crypto.QueueAuth;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Checks queue authorizations for one connection (docs/protocol.md section 5). Derived MAC keys
 * are cached per queue public key, so the X25519 agreement runs once per key per session and
 * every later command costs one HMAC. Rejections verify against a dummy key first, so an
 * unknown queue, a missing key and a wrong key take the same time.
 *
 * <p>Holds at most {@link #MAX_CACHED_KEYS} derived keys (least recently used are dropped).
 * Confined to the connection's event loop.
 */
final class Authorizer {
  /** Derived keys kept per connection. UNIT: entries (about 150 bytes each). */
  static final int MAX_CACHED_KEYS = 16_384;

  private static final byte[] DUMMY_AUTH_KEY = QueueAuth.dummyAuthKey();

  private final byte[] sessionId;
  private final byte[] sessionPrivateKey;
  private final Map<ByteKey, byte[]> authKeys =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ByteKey, byte[]> eldest) {
          return size() > MAX_CACHED_KEYS;
        }
      };

  Authorizer(byte[] sessionId, byte[] sessionPrivateKey) {
    this.sessionId = sessionId;
    this.sessionPrivateKey = sessionPrivateKey;
  }

  /**
   * Whether {@code t} carries a valid authenticator under {@code queuePublicKey}. A null key
   * (unknown queue, unset key) is checked against the dummy key and fails.
   */
  boolean verify(Transmission t, byte[] queuePublicKey) {
    byte[] authKey = queuePublicKey == null ? null : authKey(queuePublicKey);
    if (authKey == null) {
      reject(t);
      return false;
    }
    return QueueAuth.verify(authKey, t.authorizedBytes(sessionId), t.authorization());
  }

  /** Spends the time of a real check before an AUTH answer that needs none. */
  void reject(Transmission t) {
    QueueAuth.verify(DUMMY_AUTH_KEY, t.authorizedBytes(sessionId), t.authorization());
  }

  private byte[] authKey(byte[] queuePublicKey) {
    ByteKey k = new ByteKey(queuePublicKey);
    byte[] key = authKeys.get(k);
    if (key == null) {
      try {
        key = QueueAuth.relayAuthKey(sessionId, sessionPrivateKey, queuePublicKey);
      } catch (CryptoException e) {
        return null; // a low-order or malformed key can never authorize anything
      }
      authKeys.put(k, key);
    }
    return key;
  }
}

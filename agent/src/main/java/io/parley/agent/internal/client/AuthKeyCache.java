package io.parley.agent.internal.client;

import io.parley.protocol.codec.ByteKey;
import io.parley.protocol.crypto.CryptoException;
import io.parley.protocol.crypto.QueueAuth;
import io.parley.protocol.transport.SessionParams;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Queue authorization keys of one relay session, so the X25519 agreement runs once per queue
 * key per session and every later command costs one HMAC. Holds secrets; dropped with its
 * session. At most {@link #MAX_ENTRIES} keys are kept; past that the cache starts over, which
 * costs agreements, never correctness. Thread-safe.
 */
final class AuthKeyCache {
  /** Bounds memory if a caller cycles through many one-off keys. UNIT: entries. */
  static final int MAX_ENTRIES = 65_536;

  private final SessionParams session;
  private final ConcurrentHashMap<ByteKey, byte[]> keys = new ConcurrentHashMap<>();

  AuthKeyCache(SessionParams session) {
    this.session = session;
  }

  /** The 32-byte authenticator of {@code authorizedBytes} under the queue's private key. */
  byte[] authenticate(byte[] queueAuthPrivateKey, byte[] authorizedBytes)
      throws CryptoException {
    ByteKey k = ByteKey.copyOf(queueAuthPrivateKey);
    byte[] authKey = keys.get(k);
    if (authKey == null) {
      authKey = QueueAuth.clientAuthKey(
          session.sessionId(), queueAuthPrivateKey, session.relaySessionKey());
      if (keys.size() >= MAX_ENTRIES) {
        keys.clear();
      }
      keys.put(k, authKey);
    }
    return QueueAuth.authenticate(authKey, authorizedBytes);
  }

  int size() {
    return keys.size();
  }
}

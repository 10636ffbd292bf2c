package io.parley.relay.server;

import io.parley.protocol.codec.ByteKey;
import io.parley.protocol.ProtocolLimits;
import io.parley.protocol.crypto.CryptoException;
import io.parley.protocol.crypto.Hashes;
import io.parley.protocol.crypto.QueueAuth;
import io.parley.protocol.crypto.X25519;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks queue authorizations for one connection (docs/protocol.md section 5). Derived MAC keys
 * are cached per queue public key, so the X25519 agreement runs once per key per session and
 * every later command costs one HMAC. Rejections verify against a dummy key first, so an
 * unknown queue, a missing key and a wrong key take the same time. That includes the first use:
 * an id with no key costs one X25519 agreement (against a dummy public key) the first time this
 * session sees it, exactly as a real queue's key does, and is then cached like one.
 *
 * <p>The MAC is {@link QueueAuth#verify} computed as a stream over the session id and the
 * received bytes in place, so a 16 KB SEND is not copied to be authenticated.
 *
 * <p>Holds at most {@link #MAX_CACHED_KEYS} derived keys (least recently used are dropped).
 * Confined to the connection's event loop.
 */
final class Authorizer {
  /** Derived keys kept per connection. UNIT: entries (about 200 bytes each). */
  static final int MAX_CACHED_KEYS = 16_384;

  private static final String HMAC = "HmacSHA256";
  private static final SecretKeySpec DUMMY_AUTH_KEY =
      new SecretKeySpec(QueueAuth.dummyAuthKey(), HMAC);
  /** A valid X25519 public key nobody holds the private part of once this class is loaded. */
  private static final byte[] DUMMY_PUBLIC_KEY = X25519.generate().publicKey();
  /** Prefix that keeps entity-id cache entries apart from public-key entries. */
  private static final byte ENTITY_MARK = 'E';

  private final byte[] sessionId;
  private final byte[] sessionPrivateKey;
  private final Mac mac;
  /** X25519 agreements run so far, real and dummy: what makes a first use cost what it costs. */
  private long agreements;
  private final Map<ByteKey, SecretKeySpec> authKeys =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ByteKey, SecretKeySpec> eldest) {
          return size() > MAX_CACHED_KEYS;
        }
      };

  Authorizer(byte[] sessionId, byte[] sessionPrivateKey) {
    this.sessionId = sessionId;
    this.sessionPrivateKey = sessionPrivateKey;
    try {
      this.mac = Mac.getInstance(HMAC);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 unavailable", e);
    }
  }

  /**
   * Whether {@code r} carries a valid authenticator under {@code queuePublicKey}. A null key
   * (unknown queue, unset key) is checked against the dummy key and fails.
   */
  boolean verify(Request r, byte[] queuePublicKey) {
    SecretKeySpec authKey = queuePublicKey == null ? null : authKey(queuePublicKey);
    if (authKey == null) {
      reject(r);
      return false;
    }
    return check(authKey, r);
  }

  /**
   * Spends the time of a real check before an AUTH answer that needs none: the first time this
   * session sees the entity id, one X25519 agreement as for a real key; then the MAC.
   */
  void reject(Request r) {
    byte[] id = r.entityId();
    byte[] marked = new byte[id.length + 1];
    marked[0] = ENTITY_MARK;
    System.arraycopy(id, 0, marked, 1, id.length);
    ByteKey k = new ByteKey(marked);
    if (authKeys.get(k) == null) {
      try {
        agreements++;
        QueueAuth.relayAuthKey(sessionId, sessionPrivateKey, DUMMY_PUBLIC_KEY);
      } catch (CryptoException e) {
        throw new IllegalStateException("dummy agreement failed", e);
      }
      authKeys.put(k, DUMMY_AUTH_KEY);
    }
    check(DUMMY_AUTH_KEY, r);
  }

  long agreements() {
    return agreements;
  }

  private boolean check(SecretKeySpec key, Request r) {
    byte[] expected;
    try {
      mac.init(key);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 key rejected", e);
    }
    mac.update((byte) sessionId.length);
    mac.update(sessionId);
    for (ByteBuffer part : r.signedParts()) {
      mac.update(part);
    }
    expected = mac.doFinal();
    boolean lengthOk = r.authorization().length == ProtocolLimits.AUTHENTICATOR_BYTES;
    return Hashes.constantTimeEquals(expected, r.authorization()) & lengthOk;
  }

  private SecretKeySpec authKey(byte[] queuePublicKey) {
    ByteKey k = new ByteKey(queuePublicKey);
    SecretKeySpec key = authKeys.get(k);
    if (key == null) {
      try {
        agreements++;
        key = new SecretKeySpec(
            QueueAuth.relayAuthKey(sessionId, sessionPrivateKey, queuePublicKey), HMAC);
      } catch (CryptoException e) {
        return null; // a low-order or malformed key can never authorize anything
      }
      authKeys.put(k, key);
    }
    return key;
  }
}

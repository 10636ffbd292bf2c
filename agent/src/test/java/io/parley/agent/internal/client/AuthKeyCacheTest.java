package io.parley.agent.internal.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.protocol.crypto.QueueAuth;
import io.parley.protocol.crypto.SecureRandoms;
import io.parley.protocol.crypto.X25519;
import io.parley.protocol.transport.SessionParams;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AuthKeyCacheTest {
  private final X25519.KeyPair relaySession = X25519.generate();
  private final SessionParams session =
      new SessionParams(1, SecureRandoms.bytes(32), relaySession.publicKey());

  @Test
  void authenticatorsVerifyWithTheRelaysSideOfTheAgreement() throws Exception {
    X25519.KeyPair queue = X25519.generate();
    byte[] data = "authorized bytes".getBytes(StandardCharsets.US_ASCII);
    byte[] auth = new AuthKeyCache(session).authenticate(queue.privateKey(), data);
    byte[] relayKey = QueueAuth.relayAuthKey(
        session.sessionId(), relaySession.privateKey(), queue.publicKey());
    assertTrue(QueueAuth.verify(relayKey, data, auth));
    byte[] otherSession = QueueAuth.relayAuthKey(
        SecureRandoms.bytes(32), relaySession.privateKey(), queue.publicKey());
    assertFalse(QueueAuth.verify(otherSession, data, auth));
  }

  @Test
  void eachQueueKeyIsAgreedOncePerSession() throws Exception {
    AuthKeyCache cache = new AuthKeyCache(session);
    X25519.KeyPair a = X25519.generate();
    X25519.KeyPair b = X25519.generate();
    for (int i = 0; i < 100; i++) {
      cache.authenticate(a.privateKey(), new byte[] {(byte) i});
      cache.authenticate(b.privateKey(), new byte[] {(byte) i});
    }
    assertEquals(2, cache.size());
  }
}

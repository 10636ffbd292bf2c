package io.parley.protocol.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.protocol.ProtocolLimits;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class QueueAuthTest {
  private final byte[] sessionId = SecureRandoms.bytes(ProtocolLimits.SESSION_ID_BYTES);
  private final X25519.KeyPair relaySession = X25519.generate();
  private final X25519.KeyPair queueKey = X25519.generate();
  private final byte[] authorized = SecureRandoms.bytes(120);

  private byte[] clientKey(byte[] session, X25519.KeyPair queue) throws CryptoException {
    return QueueAuth.clientAuthKey(session, queue.privateKey(), relaySession.publicKey());
  }

  private byte[] relayKey(byte[] session, X25519.KeyPair queue) throws CryptoException {
    return QueueAuth.relayAuthKey(session, relaySession.privateKey(), queue.publicKey());
  }

  @Test
  void clientAndRelayDeriveTheSameKeySoTheRelayVerifiesTheClientsAuthenticator()
      throws Exception {
    byte[] client = clientKey(sessionId, queueKey);
    assertArrayEquals(client, relayKey(sessionId, queueKey));
    assertEquals(QueueAuth.AUTH_KEY_BYTES, client.length);
    byte[] mac = QueueAuth.authenticate(client, authorized);
    assertEquals(ProtocolLimits.AUTHENTICATOR_BYTES, mac.length);
    assertTrue(QueueAuth.verify(relayKey(sessionId, queueKey), authorized, mac));
  }

  @Test
  void authKeyIsHkdfSha512SaltedWithTheSessionId() throws Exception {
    byte[] dh = X25519.agree(queueKey.privateKey(), relaySession.publicKey());
    assertArrayEquals(Hkdf.sha512(sessionId, dh, "parley-auth-v1", 32),
        clientKey(sessionId, queueKey));
    assertArrayEquals(Hashes.hmacSha256(QueueAuth.authKey(sessionId, dh), authorized),
        QueueAuth.authenticate(clientKey(sessionId, queueKey), authorized));
  }

  @Test
  void anAuthenticatorFromAnotherSessionDoesNotVerify() throws Exception {
    byte[] mac = QueueAuth.authenticate(clientKey(sessionId, queueKey), authorized);
    byte[] otherSession = SecureRandoms.bytes(ProtocolLimits.SESSION_ID_BYTES);
    assertFalse(QueueAuth.verify(relayKey(otherSession, queueKey), authorized, mac));
  }

  @Test
  void anAuthenticatorMadeWithAnotherQueueKeyDoesNotVerify() throws Exception {
    byte[] mac = QueueAuth.authenticate(clientKey(sessionId, X25519.generate()), authorized);
    assertFalse(QueueAuth.verify(relayKey(sessionId, queueKey), authorized, mac));
  }

  @Test
  void changedAuthorizedBytesOrAuthenticatorDoNotVerify() throws Exception {
    byte[] key = relayKey(sessionId, queueKey);
    byte[] mac = QueueAuth.authenticate(key, authorized);
    byte[] changed = authorized.clone();
    changed[0] ^= 1;
    assertFalse(QueueAuth.verify(key, changed, mac));
    byte[] badMac = mac.clone();
    badMac[31] ^= 1;
    assertFalse(QueueAuth.verify(key, authorized, badMac));
  }

  @Test
  void authenticatorsOfTheWrongLengthAreFalseNotAnError() throws Exception {
    byte[] key = relayKey(sessionId, queueKey);
    byte[] mac = QueueAuth.authenticate(key, authorized);
    assertFalse(QueueAuth.verify(key, authorized, new byte[0]));
    assertFalse(QueueAuth.verify(key, authorized, Arrays.copyOf(mac, 31)));
    assertFalse(QueueAuth.verify(key, authorized, Arrays.copyOf(mac, 33)));
  }

  @Test
  void theDummyKeyIsStableAcceptsNoRealAuthenticatorAndIsHandedOutAsACopy() throws Exception {
    byte[] dummy = QueueAuth.dummyAuthKey();
    assertArrayEquals(dummy, QueueAuth.dummyAuthKey());
    assertNotSame(dummy, QueueAuth.dummyAuthKey());
    assertEquals(QueueAuth.AUTH_KEY_BYTES, dummy.length);
    byte[] mac = QueueAuth.authenticate(clientKey(sessionId, queueKey), authorized);
    assertFalse(QueueAuth.verify(dummy, authorized, mac));
    dummy[0] ^= 1;
    assertFalse(Arrays.equals(dummy, QueueAuth.dummyAuthKey()));
  }

  @Test
  void aLowOrderQueueKeyIsRefused() {
    assertThrows(CryptoException.class,
        () -> QueueAuth.relayAuthKey(sessionId, relaySession.privateKey(), new byte[32]));
  }
}

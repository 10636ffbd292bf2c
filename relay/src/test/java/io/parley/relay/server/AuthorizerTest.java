package io.parley.relay.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.protocol.codec.Encoder;
import io.parley.protocol.crypto.QueueAuth;
import io.parley.protocol.crypto.SecureRandoms;
import io.parley.protocol.crypto.X25519;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * The work an AUTH answer costs must not tell whether a queue exists. Wall-clock assertions
 * would flake on a shared machine, so these tests count the expensive step (X25519 agreements)
 * on each path; the MAC runs once on every path by construction.
 */
class AuthorizerTest {
  private final byte[] sessionId = SecureRandoms.bytes(32);
  private final X25519.KeyPair session = X25519.generate();
  private final Authorizer authorizer = new Authorizer(sessionId, session.privateKey());

  private Request request(byte[] entityId, byte[] authKeyOrNull) {
    byte[] corrId = SecureRandoms.bytes(24);
    byte[] signed = new Encoder().shortBytes(corrId).shortBytes(entityId).ascii("SUB")
        .toByteArray();
    byte[] auth = new byte[32];
    if (authKeyOrNull != null) {
      byte[] all = new Encoder().shortBytes(sessionId).raw(signed).toByteArray();
      auth = QueueAuth.authenticate(authKeyOrNull, all);
    }
    return new Request(auth, corrId, entityId, ByteBuffer.wrap(signed));
  }

  @Test
  void aRightKeyVerifiesAndAWrongOneDoesNot() throws Exception {
    X25519.KeyPair queue = X25519.generate();
    byte[] key = QueueAuth.clientAuthKey(sessionId, queue.privateKey(), session.publicKey());
    byte[] rid = SecureRandoms.bytes(24);
    assertTrue(authorizer.verify(request(rid, key), queue.publicKey()));
    assertFalse(authorizer.verify(request(rid, SecureRandoms.bytes(32)), queue.publicKey()));
  }

  @Test
  void anUnknownQueueCostsTheSameAgreementsAsAKnownOneOnFirstAndLaterUse() {
    byte[] known = X25519.generate().publicKey();
    byte[] knownId = SecureRandoms.bytes(24);
    byte[] unknownId = SecureRandoms.bytes(24);

    long before = authorizer.agreements();
    assertFalse(authorizer.verify(request(knownId, SecureRandoms.bytes(32)), known));
    long knownFirst = authorizer.agreements() - before;

    before = authorizer.agreements();
    assertFalse(authorizer.verify(request(unknownId, SecureRandoms.bytes(32)), null));
    long unknownFirst = authorizer.agreements() - before;
    assertEquals(knownFirst, unknownFirst, "first use: one agreement on both paths");
    assertEquals(1, unknownFirst);

    before = authorizer.agreements();
    authorizer.verify(request(knownId, SecureRandoms.bytes(32)), known);
    authorizer.verify(request(unknownId, SecureRandoms.bytes(32)), null);
    assertEquals(0, authorizer.agreements() - before, "later uses: cached on both paths");
  }
}

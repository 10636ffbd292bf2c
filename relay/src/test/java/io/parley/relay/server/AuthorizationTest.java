package io.parley.relay.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.parley.protocol.ErrorCode;
import io.parley.protocol.Transmission;
import io.parley.protocol.command.QueueMode;
import io.parley.protocol.command.Response;
import io.parley.protocol.crypto.X25519;
import io.parley.relay.Relay;
import io.parley.relay.client.BlockingRelayClient;
import io.parley.relay.client.ClientQueue;
import io.parley.relay.testing.RelayFixture;
import io.parley.testkit.LeakCheck;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The authorization matrix of docs/protocol.md section 5 and the SKEY/SEND securing rules. */
@ExtendWith(LeakCheck.class)
class AuthorizationTest {
  private static final Response AUTH = new Response.Err(ErrorCode.AUTH);
  private static final byte[] BODY = {1, 2, 3};

  @TempDir static Path dir;
  static Relay relay;
  BlockingRelayClient recipient;
  BlockingRelayClient sender;
  ClientQueue q;
  X25519.KeyPair senderKey;

  @BeforeAll
  static void start() throws Exception {
    relay = RelayFixture.memoryOnly(dir);
  }

  @AfterAll
  static void stop() {
    relay.close();
  }

  @BeforeEach
  void queue() throws Exception {
    recipient = BlockingRelayClient.connect(relay.address());
    sender = BlockingRelayClient.connect(relay.address());
    q = recipient.createQueue(false, QueueMode.MESSAGING);
    senderKey = X25519.generate();
  }

  @AfterEach
  void closeClients() throws Exception {
    recipient.close();
    sender.close();
  }

  private byte[] rk() {
    return q.recipientAuth().privateKey();
  }

  private void secure() throws Exception {
    assertInstanceOf(Response.Ok.class, sender.request(
        sender.senderKey(q.senderId(), senderKey.privateKey(), senderKey.publicKey())));
  }

  @Test
  void recipientCommandWithTheRightKeySucceedsAndWithAnyOtherKeyIsAuth() throws Exception {
    assertInstanceOf(Response.Ok.class, recipient.request(recipient.subscribe(q.recipientId(),
        rk())));
    assertEquals(AUTH, recipient.request(recipient.subscribe(q.recipientId(),
        X25519.generate().privateKey())));
    assertEquals(AUTH, recipient.request(recipient.off(q.recipientId(),
        X25519.generate().privateKey())));
  }

  @Test
  void recipientIdUsedWithTheSenderKeyAndSenderIdUsedWithTheRecipientKeyAreBothAuth()
      throws Exception {
    secure();
    assertEquals(AUTH, sender.request(sender.sendMessage(q.recipientId(), senderKey.privateKey(),
        false, BODY)));
    assertEquals(AUTH, recipient.request(recipient.subscribe(q.senderId(), rk())));
    assertEquals(AUTH, recipient.request(recipient.subscribe(q.recipientId(),
        senderKey.privateKey())));
  }

  @Test
  void securedQueueRefusesUnauthorizedAndWronglyAuthorizedSends() throws Exception {
    secure();
    assertEquals(AUTH, sender.request(sender.sendMessage(q.senderId(), null, false, BODY)));
    assertEquals(AUTH, sender.request(sender.sendMessage(q.senderId(),
        X25519.generate().privateKey(), false, BODY)));
    assertInstanceOf(Response.Ok.class, sender.request(sender.sendMessage(q.senderId(),
        senderKey.privateKey(), false, BODY)));
  }

  @Test
  void unsecuredQueueAcceptsOnlyUnauthorizedSends() throws Exception {
    assertEquals(AUTH, sender.request(sender.sendMessage(q.senderId(), senderKey.privateKey(),
        false, BODY)));
    assertInstanceOf(Response.Ok.class,
        sender.request(sender.sendMessage(q.senderId(), null, false, BODY)));
  }

  @Test
  void skeyIsAcceptedOnceAndRepeatableWithTheSameKeyButNotAnother() throws Exception {
    secure();
    secure();
    X25519.KeyPair other = X25519.generate();
    assertEquals(AUTH, sender.request(
        sender.senderKey(q.senderId(), other.privateKey(), other.publicKey())));
    // SKEY must be authorized by the very key it sets.
    X25519.KeyPair third = X25519.generate();
    assertEquals(AUTH, sender.request(
        sender.senderKey(q.senderId(), other.privateKey(), third.publicKey())));
  }

  @Test
  void keyAndSkeyOnAContactQueueAreProhibitedAndUnauthorizedSendsStayAccepted() throws Exception {
    ClientQueue contact = recipient.createQueue(false, QueueMode.CONTACT);
    assertEquals(new Response.Err(ErrorCode.CMD_PROHIBITED), sender.request(
        sender.senderKey(contact.senderId(), senderKey.privateKey(), senderKey.publicKey())));
    assertEquals(new Response.Err(ErrorCode.CMD_PROHIBITED), recipient.request(recipient.key(
        contact.recipientId(), contact.recipientAuth().privateKey(), senderKey.publicKey())));
    assertInstanceOf(Response.Ok.class,
        sender.request(sender.sendMessage(contact.senderId(), null, false, BODY)));
  }

  @Test
  void newAuthorizedByAnotherKeyThanTheOneItRegistersIsAuth() throws Exception {
    X25519.KeyPair auth = X25519.generate();
    X25519.KeyPair dh = X25519.generate();
    Transmission t = recipient.newQueue(X25519.generate().privateKey(), auth.publicKey(),
        dh.publicKey(), false, QueueMode.MESSAGING);
    assertEquals(AUTH, recipient.request(t));
  }

  @Test
  void aTransmissionReplayedOnAnotherConnectionIsAuth() throws Exception {
    Transmission captured = recipient.subscribe(q.recipientId(), rk());
    assertInstanceOf(Response.Ok.class, recipient.request(captured));
    try (BlockingRelayClient attacker = BlockingRelayClient.connect(relay.address())) {
      assertEquals(AUTH, attacker.request(captured));
    }
  }

  @Test
  void aDeletedQueueAnswersAuthToBothParties() throws Exception {
    assertInstanceOf(Response.Ok.class, recipient.request(recipient.delete(q.recipientId(), rk())));
    assertEquals(AUTH, recipient.request(recipient.subscribe(q.recipientId(), rk())));
    assertEquals(AUTH, sender.request(sender.sendMessage(q.senderId(), null, false, BODY)));
  }
}

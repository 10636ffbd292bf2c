package io.parley.relay.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.protocol.ErrorCode;
import io.parley.protocol.command.DeliveredMessage;
import io.parley.protocol.command.QueueMode;
import io.parley.protocol.command.Response;
import io.parley.protocol.crypto.X25519;
import io.parley.relay.Relay;
import io.parley.relay.client.BlockingRelayClient;
import io.parley.relay.client.ClientQueue;
import io.parley.relay.client.Reply;
import io.parley.relay.testing.RelayFixture;
import io.parley.testkit.LeakCheck;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(LeakCheck.class)
class QueueLifecycleTest {
  @TempDir static Path dir;
  static Relay relay;

  @BeforeAll
  static void start() throws Exception {
    relay = RelayFixture.memoryOnly(dir);
  }

  @AfterAll
  static void stop() {
    relay.close();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aMessageTravelsFromSecuredSenderToRecipientAndIsGoneAfterAck() throws Exception {
    try (BlockingRelayClient recipient = BlockingRelayClient.connect(relay.address());
        BlockingRelayClient sender = BlockingRelayClient.connect(relay.address())) {
      ClientQueue q = recipient.createQueue(false, QueueMode.MESSAGING);
      assertEquals(24, q.recipientId().length);
      assertFalse(java.util.Arrays.equals(q.recipientId(), q.senderId()));

      X25519.KeyPair senderKey = X25519.generate();
      assertInstanceOf(Response.Ok.class, sender.request(
          sender.senderKey(q.senderId(), senderKey.privateKey(), senderKey.publicKey())));
      assertInstanceOf(Response.Ok.class, sender.request(
          sender.sendMessage(q.senderId(), senderKey.privateKey(), true, utf8("hello"))));

      assertInstanceOf(Response.Ok.class,
          recipient.request(recipient.subscribe(q.recipientId(), q.recipientAuth().privateKey())));
      Reply msg = recipient.receive();
      assertTrue(msg.isEvent());
      assertArrayEquals(q.recipientId(), msg.entityId());
      Response.Msg m = assertInstanceOf(Response.Msg.class, msg.response());
      DeliveredMessage dm = q.open(m);
      assertArrayEquals(utf8("hello"), dm.body());
      assertTrue(dm.notifyFlag());
      assertFalse(dm.quotaMarker());

      assertInstanceOf(Response.Ok.class, recipient.request(
          recipient.ack(q.recipientId(), q.recipientAuth().privateKey(), m.msgId())));
      assertEquals(new Response.Err(ErrorCode.NO_MSG), recipient.request(
          recipient.ack(q.recipientId(), q.recipientAuth().privateKey(), m.msgId())));
    }
  }

  @Test
  void recipientKeySecuresTheQueueAndOffThenDelRefuseSends() throws Exception {
    try (BlockingRelayClient recipient = BlockingRelayClient.connect(relay.address());
        BlockingRelayClient sender = BlockingRelayClient.connect(relay.address())) {
      ClientQueue q = recipient.createQueue(true, QueueMode.MESSAGING);
      byte[] rk = q.recipientAuth().privateKey();
      X25519.KeyPair senderKey = X25519.generate();
      assertInstanceOf(Response.Ok.class, recipient.request(
          recipient.key(q.recipientId(), rk, senderKey.publicKey())));
      // Once secured, an unauthorized SEND is refused and an authorized one accepted.
      assertEquals(new Response.Err(ErrorCode.AUTH),
          sender.request(sender.sendMessage(q.senderId(), null, false, utf8("x"))));
      assertInstanceOf(Response.Ok.class,
          sender.request(
              sender.sendMessage(q.senderId(), senderKey.privateKey(), false, utf8("1"))));
      Response.Msg m = assertInstanceOf(Response.Msg.class, recipient.receive().response());
      assertArrayEquals(utf8("1"), q.open(m).body());

      assertInstanceOf(Response.Ok.class, recipient.request(recipient.off(q.recipientId(), rk)));
      assertEquals(new Response.Err(ErrorCode.AUTH), sender.request(
          sender.sendMessage(q.senderId(), senderKey.privateKey(), false, utf8("2"))));
      // The recipient can still drain a suspended queue.
      assertInstanceOf(Response.Ok.class,
          recipient.request(recipient.ack(q.recipientId(), rk, m.msgId())));

      assertInstanceOf(Response.Ok.class, recipient.request(recipient.delete(q.recipientId(), rk)));
      assertEquals(new Response.Err(ErrorCode.AUTH),
          recipient.request(recipient.subscribe(q.recipientId(), rk)));
    }
  }

  @Test
  void pingIsAnsweredPong() throws Exception {
    try (BlockingRelayClient c = BlockingRelayClient.connect(relay.address())) {
      assertInstanceOf(Response.Pong.class, c.request(c.ping()));
    }
  }
}

package io.parley.relay.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.protocol.ErrorCode;
import io.parley.protocol.ProtocolLimits;
import io.parley.protocol.command.DeliveredMessage;
import io.parley.protocol.command.QueueMode;
import io.parley.protocol.command.Response;
import io.parley.relay.Relay;
import io.parley.relay.client.BlockingRelayClient;
import io.parley.relay.client.ClientQueue;
import io.parley.relay.client.Reply;
import io.parley.relay.testing.RelayFixture;
import io.parley.testkit.LeakCheck;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Subscriptions, one message in flight, ACK, redelivery, quota and message size. */
@ExtendWith(LeakCheck.class)
class DeliveryTest {
  static final int QUOTA = 3;

  @TempDir static Path dir;
  static Relay relay;

  @BeforeAll
  static void start() throws Exception {
    relay = RelayFixture.memoryOnly(dir, b -> b.queueQuota(QUOTA));
  }

  @AfterAll
  static void stop() {
    relay.close();
  }

  private static byte[] body(int b) {
    return new byte[] {(byte) b};
  }

  private static void send(BlockingRelayClient c, ClientQueue q, int b) throws Exception {
    assertInstanceOf(Response.Ok.class,
        c.request(c.sendMessage(q.senderId(), null, false, body(b))));
  }

  private static Response.Msg nextMsg(BlockingRelayClient c) throws Exception {
    return assertInstanceOf(Response.Msg.class, c.receive().response());
  }

  /** Proves no event is pending: the next reply is the PONG to a fresh PING. */
  private static void assertNothingPending(BlockingRelayClient c) throws Exception {
    assertInstanceOf(Response.Pong.class, c.request(c.ping()));
  }

  @Test
  void onlyOneMessageIsInFlightUntilItIsAcknowledged() throws Exception {
    try (BlockingRelayClient r = BlockingRelayClient.connect(relay.address());
        BlockingRelayClient s = BlockingRelayClient.connect(relay.address())) {
      ClientQueue q = r.createQueue(true, QueueMode.MESSAGING);
      send(s, q, 1);
      send(s, q, 2);
      Response.Msg first = nextMsg(r);
      assertArrayEquals(body(1), q.open(first).body());
      assertNothingPending(r);
      assertEquals(new Response.Err(ErrorCode.NO_MSG), r.request(r.ack(q.recipientId(),
          q.recipientAuth().privateKey(), new byte[24])));
      assertInstanceOf(Response.Ok.class, r.request(r.ack(q.recipientId(),
          q.recipientAuth().privateKey(), first.msgId())));
      assertArrayEquals(body(2), q.open(nextMsg(r)).body());
    }
  }

  @Test
  void subscribingAgainOnTheSameConnectionRedeliversTheUnacknowledgedMessage() throws Exception {
    try (BlockingRelayClient r = BlockingRelayClient.connect(relay.address());
        BlockingRelayClient s = BlockingRelayClient.connect(relay.address())) {
      ClientQueue q = r.createQueue(true, QueueMode.MESSAGING);
      send(s, q, 7);
      Response.Msg first = nextMsg(r);
      assertInstanceOf(Response.Ok.class,
          r.request(r.subscribe(q.recipientId(), q.recipientAuth().privateKey())));
      Response.Msg again = nextMsg(r);
      assertArrayEquals(first.msgId(), again.msgId());
      // Every MSG has the same size whatever the body, and the ciphertexts differ from the body.
      assertEquals(ProtocolLimits.DELIVERY_PADDED_BYTES + 16, again.encBody().length);
    }
  }

  @Test
  void anotherConnectionSubscribingSendsEndToThePreviousSubscriberAndTakesDelivery()
      throws Exception {
    try (BlockingRelayClient first = BlockingRelayClient.connect(relay.address());
        BlockingRelayClient second = BlockingRelayClient.connect(relay.address());
        BlockingRelayClient s = BlockingRelayClient.connect(relay.address())) {
      ClientQueue q = first.createQueue(true, QueueMode.MESSAGING);
      assertInstanceOf(Response.Ok.class,
          second.request(second.subscribe(q.recipientId(), q.recipientAuth().privateKey())));
      Reply end = first.receive();
      assertInstanceOf(Response.End.class, end.response());
      assertTrue(end.isEvent());
      assertArrayEquals(q.recipientId(), end.entityId());

      send(s, q, 9);
      assertArrayEquals(body(9), q.open(nextMsg(second)).body());
      assertNothingPending(first);
    }
  }

  @Test
  void fullQueueRefusesSendsWithQuotaEndsWithAMarkerAndAcceptsAgainOnlyOnceDrained()
      throws Exception {
    try (BlockingRelayClient r = BlockingRelayClient.connect(relay.address());
        BlockingRelayClient s = BlockingRelayClient.connect(relay.address())) {
      ClientQueue q = r.createQueue(false, QueueMode.MESSAGING);
      for (int i = 0; i < QUOTA; i++) {
        send(s, q, i);
      }
      Response quota = new Response.Err(ErrorCode.QUOTA);
      assertEquals(quota, s.request(s.sendMessage(q.senderId(), null, false, body(9))));
      assertEquals(quota, s.request(s.sendMessage(q.senderId(), null, false, body(9))));

      byte[] rk = q.recipientAuth().privateKey();
      assertInstanceOf(Response.Ok.class, r.request(r.subscribe(q.recipientId(), rk)));
      for (int i = 0; i < QUOTA; i++) {
        Response.Msg m = nextMsg(r);
        DeliveredMessage dm = q.open(m);
        assertFalse(dm.quotaMarker());
        assertArrayEquals(body(i), dm.body());
        if (i == QUOTA - 1) {
          // Not drained yet: the marker is still waiting.
          assertEquals(quota, s.request(s.sendMessage(q.senderId(), null, false, body(9))));
        }
        assertInstanceOf(Response.Ok.class, r.request(r.ack(q.recipientId(), rk, m.msgId())));
      }
      Response.Msg marker = nextMsg(r);
      assertTrue(q.open(marker).quotaMarker());
      assertInstanceOf(Response.Ok.class, r.request(r.ack(q.recipientId(), rk, marker.msgId())));
      send(s, q, 10);
      assertArrayEquals(body(10), q.open(nextMsg(r)).body());
    }
  }

  @Test
  void aBodyOfTheMaximumSizeIsDeliveredIntactAndOneByteMoreIsLargeMsg() throws Exception {
    try (BlockingRelayClient r = BlockingRelayClient.connect(relay.address());
        BlockingRelayClient s = BlockingRelayClient.connect(relay.address())) {
      ClientQueue q = r.createQueue(true, QueueMode.MESSAGING);
      byte[] tooLarge = new byte[ProtocolLimits.MAX_MESSAGE_BYTES + 1];
      assertEquals(new Response.Err(ErrorCode.LARGE_MSG),
          s.request(s.sendMessage(q.senderId(), null, false, tooLarge)));
      byte[] max = new byte[ProtocolLimits.MAX_MESSAGE_BYTES];
      Arrays.fill(max, (byte) 0x5A);
      assertInstanceOf(Response.Ok.class, s.request(s.sendMessage(q.senderId(), null, true, max)));
      DeliveredMessage dm = q.open(nextMsg(r));
      assertArrayEquals(max, dm.body());
      assertTrue(dm.notifyFlag());
    }
  }

  @Test
  void pipelinedCommandsAreAnsweredInOrderInSharedBlocks() throws Exception {
    try (BlockingRelayClient c = BlockingRelayClient.connect(relay.address())) {
      ClientQueue q = c.createQueue(false, QueueMode.MESSAGING);
      var batch = new java.util.ArrayList<io.parley.protocol.Transmission>();
      for (int i = 0; i < 100; i++) {
        batch.add(i % 2 == 0 ? c.ping()
            : c.subscribe(q.recipientId(), q.recipientAuth().privateKey()));
      }
      c.send(batch);
      int received = 0;
      int blocks = 0;
      while (received < batch.size()) {
        var replies = c.receiveBlock();
        blocks++;
        for (Reply reply : replies) {
          assertArrayEquals(batch.get(received).corrId(), reply.corrId());
          Class<?> expected = received % 2 == 0 ? Response.Pong.class : Response.Ok.class;
          assertEquals(expected, reply.response().getClass());
          received++;
        }
      }
      assertTrue(blocks < batch.size() / 4, "replies should share blocks, used " + blocks);
    }
  }
}

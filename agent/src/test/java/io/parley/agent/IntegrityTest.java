package io.parley.agent;

import static io.parley.agent.testing.EventRecorder.is;
import static io.parley.agent.testing.EventRecorder.status;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parley.agent.event.AgentEvent;
import io.parley.agent.internal.delivery.OutItem;
import io.parley.agent.internal.store.Database;
import io.parley.agent.internal.store.OutMessageRow;
import io.parley.agent.internal.store.RcvQueueRow;
import io.parley.agent.internal.store.SndQueueRow;
import io.parley.agent.testing.RawRelayClient;
import io.parley.agent.testing.TestNetwork;
import io.parley.agent.testing.TestNetwork.Pair;
import io.parley.agent.testing.TestNetwork.TestAgent;
import io.parley.protocol.command.Response;
import io.parley.protocol.transport.RelayAddress;
import io.parley.testkit.LeakCheck;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Lost and repeated messages, made by acting on the relay behind the agents' backs. */
@ExtendWith(LeakCheck.class)
class IntegrityTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @RegisterExtension
  final TestNetwork net = new TestNetwork();
  TestAgent alice;
  TestAgent bob;
  Pair p;

  @BeforeEach
  void start() throws Exception {
    alice = net.agent("alice");
    bob = net.agent("bob");
    p = net.connect(alice, bob);
  }

  @Test
  void messagesLostOnTheRelayAreReportedAsSkipped() throws Exception {
    sendAndAwaitDelivered("one", 1);
    net.stop("bob");
    for (String t : List.of("two", "three", "four", "five")) {
      alice.agent().sendText(p.inviterConnection(), t, null).get(10, TimeUnit.SECONDS);
    }
    alice.events().awaitCount(status(p.inviterConnection(), "sent"), 5, WAIT);

    // The relay "loses" two..four: taken off bob's queue with bob's own key.
    RcvQueueRow q;
    try (Database db = Database.open(net.dataDir("bob"))) {
      q = db.read(tx -> tx.queues().rcvQueuesOf(p.joinerConnection())).get(0);
    }
    try (RawRelayClient raw = new RawRelayClient()) {
      var c = raw.client(RelayAddress.parse(q.relay()));
      c.subscribe(q.recipientId(), q.rcvAuthKey()).get(10, TimeUnit.SECONDS);
      // A re-subscription delivers the unacknowledged message again: count distinct messages.
      java.util.Set<String> taken = new java.util.HashSet<>();
      while (taken.size() < 3) {
        Response.Msg m = raw.next(WAIT);
        if (taken.add(java.util.Base64.getEncoder().encodeToString(m.msgId()))) {
          c.ack(q.recipientId(), q.rcvAuthKey(), m.msgId()).get(10, TimeUnit.SECONDS);
        }
      }
    }

    bob = net.agent("bob");
    AgentEvent five = bob.events().awaitCount(
        is(AgentEvent.MESSAGE_RECEIVED, p.joinerConnection()), 2, WAIT).get(1);
    assertEquals("five", five.data().get("text"));
    Map<?, ?> integrity = (Map<?, ?>) five.data().get("integrity");
    assertEquals("skipped", integrity.get("kind"));
    assertEquals(2, ((Number) integrity.get("from")).intValue());
    assertEquals(4, ((Number) integrity.get("to")).intValue());
  }

  @Test
  void aRedeliveredCopyOfAMessageIsDroppedSilently() throws Exception {
    sendAndAwaitDelivered("one", 1);
    // The store keeps a payload only while its message is queued: hold "two" there.
    net.relay().stop();
    alice.agent().sendText(p.inviterConnection(), "two", null).get(10, TimeUnit.SECONDS);
    net.stop("alice");
    OutMessageRow queued;
    SndQueueRow q;
    try (Database db = Database.open(net.dataDir("alice"))) {
      queued = db.read(tx -> tx.outbox().get(OutItem.idOf(p.inviterConnection(), 2)));
      q = db.read(tx -> tx.queues().sndQueuesOf(p.inviterConnection())).get(0);
    }
    net.relay().restart();
    alice = net.agent("alice"); // its recorder replays the stored events: "one" counts
    alice.events().awaitCount(status(p.inviterConnection(), "delivered"), 2, WAIT);

    // Send the very same SEND body again, as a sender's retry after a lost OK would.
    try (RawRelayClient raw = new RawRelayClient()) {
      raw.client(RelayAddress.parse(q.relay()))
          .send(q.senderId(), q.sndAuthKey(), queued.payload()).get(10, TimeUnit.SECONDS);
    }

    sendAndAwaitDelivered("three", 3);
    List<AgentEvent> got = bob.events().awaitCount(
        is(AgentEvent.MESSAGE_RECEIVED, p.joinerConnection()), 3, WAIT);
    assertEquals(List.of("one", "two", "three"),
        got.stream().map(e -> e.data().get("text")).toList());
    assertEquals("ok", ((Map<?, ?>) got.get(2).data().get("integrity")).get("kind"));
    assertEquals(List.of(), bob.events().matching(is(AgentEvent.MESSAGE_ERROR, null)));
  }

  private void sendAndAwaitDelivered(String text, int count) throws Exception {
    alice.agent().sendText(p.inviterConnection(), text, null).get(10, TimeUnit.SECONDS);
    alice.events().awaitCount(status(p.inviterConnection(), "delivered"), count, WAIT);
  }
}

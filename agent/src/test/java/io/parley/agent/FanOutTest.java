package io.parley.agent;

import static io.parley.agent.testing.EventRecorder.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.agent.event.AgentEvent;
import io.parley.agent.internal.store.StoreFaults;
import io.parley.agent.model.QueuedMessage;
import io.parley.agent.testing.TestNetwork;
import io.parley.agent.testing.TestNetwork.Pair;
import io.parley.agent.testing.TestNetwork.TestAgent;
import io.parley.relay.server.RelayCounters;
import io.parley.testkit.Await;
import io.parley.testkit.LeakCheck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One text to many connections at once, as a notifier sends an alert: every send is stored
 * before its answer, and a receiver whose store falls behind the burst holds the relay back
 * instead of refusing messages that the relay then has to deliver again.
 */
@ExtendWith(LeakCheck.class)
class FanOutTest {
  /** Connections the burst goes to: more than the receiver's store queue below holds. */
  private static final int CONNECTIONS = 64;
  /** The receiver's write queue in the flood test. UNIT: write units. */
  private static final int RECEIVER_QUEUED_WRITES = 48;
  private static final Duration ARRIVAL = Duration.ofSeconds(60);

  @RegisterExtension
  final TestNetwork net = new TestNetwork();

  @AfterEach
  void uninstall() {
    StoreFaults.uninstall(net.dataDir("bob"));
  }

  @Test
  void aBurstToManyConnectionsIsStoredBeforeEachSendReturnsAndArrivesExactlyOnce()
      throws Exception {
    TestAgent alice = net.agent("alice");
    TestAgent bob = net.agent("bob");
    List<Pair> pairs = connect(alice, bob, CONNECTIONS);

    List<CompletableFuture<QueuedMessage>> sends = burst(alice, pairs);
    for (CompletableFuture<QueuedMessage> f : sends) {
      QueuedMessage q = f.get(30, TimeUnit.SECONDS);
      // Answered only once committed: a fresh reader of the store already has it.
      assertTrue(alice.agent().history().latest(q.connectionId(), 10).stream()
          .anyMatch(m -> m.id().equals(q.messageId())), "a queued message is in the store");
    }
    assertEachArrivedOnce(bob, pairs);
  }

  @Test
  void aReceiverFloodedWithMoreMessagesThanItsStoreQueueHoldsRefusesNoneAndGetsEachOnce()
      throws Exception {
    TestAgent alice = net.agent("alice");
    TestAgent bob = net.agent("bob");
    List<Pair> pairs = connect(alice, bob, CONNECTIONS);
    RelayCounters relay = net.relay().relay().counters();
    // The burst waits at the relay while bob is away; when bob subscribes again, every queue
    // has a message for him at once.
    net.stop("bob");
    long sentBefore = relay.messagesSent();
    for (CompletableFuture<QueuedMessage> f : burst(alice, pairs)) {
      f.get(30, TimeUnit.SECONDS);
    }
    Await.until("the relay to hold the burst", ARRIVAL,
        () -> relay.messagesSent() - sentBefore >= CONNECTIONS);
    // Restarted on its store with a write queue smaller than the burst (the queue's size is
    // read when the store opens).
    StoreFaults store = StoreFaults.install(net.dataDir("bob"));
    store.limitQueuedWrites(RECEIVER_QUEUED_WRITES);
    bob = net.agent("bob");

    assertEachArrivedOnce(bob, pairs);
    // A unit refused for a full queue leaves its message unacknowledged with the relay, which
    // delivers it again after a pause: work done twice. Reading stops instead.
    assertEquals(0, store.refusedFull(), "store units refused for a full queue");
  }

  private List<Pair> connect(TestAgent alice, TestAgent bob, int n) throws Exception {
    List<Pair> pairs = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      pairs.add(net.connect(alice, bob));
    }
    return pairs;
  }

  /** One text to every connection, each {@code sendText} called before any answer. */
  private static List<CompletableFuture<QueuedMessage>> burst(TestAgent alice, List<Pair> pairs)
      throws Exception {
    List<CompletableFuture<QueuedMessage>> sends = new ArrayList<>(pairs.size());
    for (int i = 0; i < pairs.size(); i++) {
      sends.add(alice.agent().sendText(pairs.get(i).inviterConnection(), "alert " + i, null));
    }
    return sends;
  }

  private static void assertEachArrivedOnce(TestAgent bob, List<Pair> pairs) throws Exception {
    List<AgentEvent> got = bob.events().awaitCount(
        e -> AgentEvent.MESSAGE_RECEIVED.equals(e.type()), pairs.size(), ARRIVAL);
    Set<String> texts = new HashSet<>();
    for (AgentEvent e : got) {
      assertTrue(texts.add((String) e.data().get("text")), "received twice: " + e.data());
    }
    for (int i = 0; i < pairs.size(); i++) {
      assertEquals(1, bob.events().matching(is(AgentEvent.MESSAGE_RECEIVED,
          pairs.get(i).joinerConnection())).size(), "texts received on connection " + i);
      assertTrue(texts.contains("alert " + i), "alert " + i + " arrived");
    }
  }
}

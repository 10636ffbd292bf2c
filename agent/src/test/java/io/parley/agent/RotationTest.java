package io.parley.agent;

import static io.parley.agent.testing.EventRecorder.is;
import static io.parley.agent.testing.Exchanges.assertExactlyOnceInOrder;
import static io.parley.agent.testing.Exchanges.exchange;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.agent.error.AgentException;
import io.parley.agent.event.AgentEvent;
import io.parley.agent.model.QueueInfo;
import io.parley.agent.model.QueuedMessage;
import io.parley.agent.model.RotationInfo;
import io.parley.agent.testing.TestNetwork;
import io.parley.agent.testing.TestNetwork.Pair;
import io.parley.agent.testing.TestNetwork.TestAgent;
import io.parley.protocol.transport.RelayAddress;
import io.parley.relay.testing.RelayFixture;
import io.parley.testkit.LeakCheck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Queue rotation (docs/agent.md 2.2): a connection's receive queue moves to a new queue, on the
 * same or another relay, while messages flow both ways; none is lost or doubled and the old
 * queue is gone from its relay. Real relays, real TLS, real SQLite.
 */
@ExtendWith(LeakCheck.class)
class RotationTest {
  private static final Duration LONG = Duration.ofSeconds(60);
  private static final int ROTATIONS = 100;
  private static final int RETIRED_CONNECTIONS = 50;
  /** A rotation interval a test can wait out. UNIT: milliseconds. */
  private static final long SHORT_INTERVAL_MILLIS = 1_500;

  @RegisterExtension
  final TestNetwork net = new TestNetwork();

  @Test
  void aRotationMovesAReceiveQueueToTheOtherRelayAndDeletesTheOldQueueThere() throws Exception {
    RelayFixture second = net.relay("second");
    TestAgent alice = net.agent("alice", List.of(net.relay().address(), second.address()),
        c -> c.withRedundancy(1));
    TestAgent bob = net.agent("bob", List.of(net.relay().address(), second.address()),
        c -> c.withRedundancy(1));
    Pair p = net.connect(alice, bob);
    String before = receiveRelay(alice, p.inviterConnection());
    int firstBefore = net.relay().relay().queueCount();
    int secondBefore = second.relay().queueCount();

    RotationInfo r = alice.agent().rotate(p.inviterConnection(), null)
        .get(TestNetwork.WAIT_SECONDS, TimeUnit.SECONDS);
    assertEquals("started", r.state());
    assertTrue(r.queues().stream().anyMatch(q -> q.state() == QueueInfo.State.NEW), r.toString());
    alice.events().await(is(AgentEvent.CONNECTION_ROTATED, p.inviterConnection()));

    String after = receiveRelay(alice, p.inviterConnection());
    assertTrue(!before.equals(after), "moved from " + before + " to " + after);
    assertEquals(firstBefore + secondBefore, net.relay().relay().queueCount()
        + second.relay().queueCount(), "one queue made, one deleted");
    exchange(alice, bob, p, 0, 5);
    assertExactlyOnceInOrder(bob, p.joinerConnection(), "a", 5);
    assertExactlyOnceInOrder(alice, p.inviterConnection(), "b", 5);
    io.parley.testkit.Await.value("bob's send queues", () -> bob.agent()
        .queues(p.joinerConnection()).stream()
        .filter(q -> q.direction() == QueueInfo.Direction.SEND).toList(),
        qs -> qs.size() == 1 && qs.get(0).state() == QueueInfo.State.ACTIVE);
  }

  @Test
  void aHundredRotationsWithMessagesInFlightBothWaysLoseAndDoubleNothingAndLeaveNoOldQueue()
      throws Exception {
    RelayFixture second = net.relay("second");
    List<RelayAddress> both = List.of(net.relay().address(), second.address());
    TestAgent alice = net.agent("alice", both);
    TestAgent bob = net.agent("bob", both);
    Pair p = net.connect(alice, bob);
    int queuesBefore = net.relay().relay().queueCount() + second.relay().queueCount();

    List<CompletableFuture<QueuedMessage>> sent = new ArrayList<>();
    for (int i = 0; i < ROTATIONS; i++) {
      sent.addAll(exchange(alice, bob, p, 2 * i, 2 * i + 2));
      TestAgent who = i % 2 == 0 ? alice : bob;
      String id = who == alice ? p.inviterConnection() : p.joinerConnection();
      int done = (int) who.events().matching(is(AgentEvent.CONNECTION_ROTATED, id)).size();
      who.agent().rotate(id, null).get(TestNetwork.WAIT_SECONDS, TimeUnit.SECONDS);
      who.events().awaitCount(is(AgentEvent.CONNECTION_ROTATED, id), done + 1, LONG);
    }
    CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    assertExactlyOnceInOrder(bob, p.joinerConnection(), "a", 2 * ROTATIONS);
    assertExactlyOnceInOrder(alice, p.inviterConnection(), "b", 2 * ROTATIONS);
    assertEquals(queuesBefore, net.relay().relay().queueCount() + second.relay().queueCount(),
        "every replaced queue is gone from its relay");
    for (TestAgent a : List.of(alice, bob)) {
      assertEquals(List.of(), a.events().matching(e -> AgentEvent.MESSAGE_ERROR.equals(e.type())),
          a.name() + " reported no undecryptable message");
    }
  }

  @Test
  void rotatingIsRefusedForAnUnknownConnectionAnUnknownRelayAndWhileARotationIsInProgress()
      throws Exception {
    TestAgent alice = net.agent("alice");
    TestAgent bob = net.agent("bob");
    Pair p = net.connect(alice, bob);
    assertEquals(AgentException.Reason.UNKNOWN_CONNECTION,
        reason(alice.agent().rotate("nope", null)));
    assertEquals(AgentException.Reason.UNKNOWN_RELAY,
        reason(alice.agent().rotate(p.inviterConnection(), "127.0.0.1:1")));
    net.stop("bob");
    alice.agent().rotate(p.inviterConnection(), null)
        .get(TestNetwork.WAIT_SECONDS, TimeUnit.SECONDS);
    assertEquals(AgentException.Reason.ROTATION_IN_PROGRESS,
        reason(alice.agent().rotate(p.inviterConnection(), null)));
  }

  @Test
  void aRotationCutShortByThePeerStoppingCompletesWhenItIsBack() throws Exception {
    TestAgent alice = net.agent("alice");
    TestAgent bob = net.agent("bob");
    Pair p = net.connect(alice, bob);
    net.stop("bob");
    alice.agent().rotate(p.inviterConnection(), net.relay().address().host() + ":"
        + net.relay().port()).get(TestNetwork.WAIT_SECONDS, TimeUnit.SECONDS);
    alice.agent().sendText(p.inviterConnection(), "a0", null);
    net.stop("alice");
    alice = net.agent("alice");
    bob = net.agent("bob");
    alice.events().await(is(AgentEvent.CONNECTION_ROTATED, p.inviterConnection()));
    assertExactlyOnceInOrder(bob, p.joinerConnection(), "a", 1);
    bob.agent().sendText(p.joinerConnection(), "b0", null);
    assertExactlyOnceInOrder(alice, p.inviterConnection(), "b", 1);
  }

  @Test
  void retiringARelayThatFiftyConnectionsUseMovesThemAllOffAndTheyStillDeliver()
      throws Exception {
    RelayFixture second = net.relay("second");
    RelayFixture third = net.relay("third");
    List<RelayAddress> all = List.of(net.relay().address(), second.address(),
        third.address());
    TestAgent alice = net.agent("alice", all);
    TestAgent bob = net.agent("bob", List.of(second.address(), third.address()));
    List<Pair> pairs = new ArrayList<>();
    for (int i = 0; i < RETIRED_CONNECTIONS; i++) {
      pairs.add(net.connect(alice, bob));
    }
    String firstHostPort = "127.0.0.1:" + net.relay().port();
    int onFirst = 0;
    for (Pair p : pairs) {
      onFirst += (int) alice.agent().queues(p.inviterConnection()).stream()
          .filter(q -> q.direction() == QueueInfo.Direction.RECEIVE
              && q.relay().equals(firstHostPort)).count();
    }
    assertTrue(onFirst > 0, "the first relay holds some of alice's queues");
    String firstId = alice.agent().relayList().stream()
        .filter(r -> r.address().equals(net.relay().address().toString()))
        .findFirst().orElseThrow().id();

    assertEquals(onFirst, alice.agent().retireRelay(firstId)
        .get(TestNetwork.WAIT_SECONDS, TimeUnit.SECONDS));
    // The relay drops a queue on DEL before alice hears the OK and forgets the queue, so both
    // sides are waited for.
    io.parley.testkit.Await.until("every queue moved off the retired relay, on both sides",
        () -> net.relay().relay().queueCount() == 0 && pairs.stream().allMatch(p ->
            alice.agent().queues(p.inviterConnection()).stream()
                .noneMatch(q -> q.relay().equals(firstHostPort))));
    for (Pair p : pairs) {
      alice.agent().sendText(p.inviterConnection(), "a0", null);
      bob.agent().sendText(p.joinerConnection(), "b0", null);
    }
    for (Pair p : pairs) {
      assertExactlyOnceInOrder(bob, p.joinerConnection(), "a", 1);
      assertExactlyOnceInOrder(alice, p.inviterConnection(), "b", 1);
    }
    assertTrue(alice.agent().relayList().stream()
        .noneMatch(r -> r.address().equals(net.relay().address().toString())));
  }

  @Test
  void aScheduledRotationReplacesAQueueOnceTheIntervalHasPassedAndMessagesStillFlow()
      throws Exception {
    RelayFixture second = net.relay("second");
    List<RelayAddress> both = List.of(net.relay().address(), second.address());
    TestAgent alice = net.agent("alice", both,
        c -> c.withRedundancy(1).withRotationIntervalMillis(SHORT_INTERVAL_MILLIS));
    TestAgent bob = net.agent("bob", both, c -> c.withRedundancy(1));
    Pair p = net.connect(alice, bob);
    alice.events().await(is(AgentEvent.CONNECTION_ROTATED, p.inviterConnection()));
    exchange(alice, bob, p, 0, 3);
    assertExactlyOnceInOrder(bob, p.joinerConnection(), "a", 3);
    assertExactlyOnceInOrder(alice, p.inviterConnection(), "b", 3);
    assertTrue(bob.events().matching(is(AgentEvent.CONNECTION_ROTATED, p.joinerConnection()))
        .isEmpty(), "bob, with the default interval, rotated nothing");
  }

  @Test
  void aOneQueueConnectionGainsASecondReceiveQueueWhenASecondRelayIsAdded() throws Exception {
    RelayFixture second = net.relay("second");
    TestAgent alice = net.agent("alice", List.of(net.relay().address()));
    TestAgent bob = net.agent("bob", List.of(net.relay().address()));
    Pair p = net.connect(alice, bob);
    assertEquals(1, alice.agent().queues(p.inviterConnection()).stream()
        .filter(q -> q.direction() == QueueInfo.Direction.RECEIVE).count());

    alice.agent().addRelay(second.address().toString())
        .get(TestNetwork.WAIT_SECONDS, TimeUnit.SECONDS);
    alice.events().await(is(AgentEvent.CONNECTION_ROTATED, p.inviterConnection()));
    List<QueueInfo> rcv = alice.agent().queues(p.inviterConnection()).stream()
        .filter(q -> q.direction() == QueueInfo.Direction.RECEIVE).toList();
    assertEquals(2, rcv.size(), rcv.toString());
    assertTrue(rcv.stream().anyMatch(q -> q.relay().equals("127.0.0.1:" + second.port())));
    exchange(alice, bob, p, 0, 3);
    assertExactlyOnceInOrder(bob, p.joinerConnection(), "a", 3);
    assertExactlyOnceInOrder(alice, p.inviterConnection(), "b", 3);
    io.parley.testkit.Await.value("bob sends on both", () -> bob.agent()
        .queues(p.joinerConnection()).stream()
        .filter(q -> q.direction() == QueueInfo.Direction.SEND).toList(),
        qs -> qs.size() == 2 && qs.stream().allMatch(q -> q.state() == QueueInfo.State.ACTIVE));
  }

  private static AgentException.Reason reason(CompletableFuture<?> f) {
    ExecutionException e = assertThrows(ExecutionException.class,
        () -> f.get(TestNetwork.WAIT_SECONDS, TimeUnit.SECONDS));
    return assertInstanceOf(AgentException.class, e.getCause()).reason();
  }

  private static String receiveRelay(TestAgent a, String id) {
    List<QueueInfo> rcv = io.parley.testkit.Await.value("settled receive queues",
        () -> a.agent().queues(id).stream()
            .filter(q -> q.direction() == QueueInfo.Direction.RECEIVE).toList(),
        qs -> qs.size() == 1 && qs.get(0).state() == QueueInfo.State.ACTIVE);
    return rcv.get(0).relay();
  }
}

package io.parley.agent;

import static io.parley.agent.testing.EventRecorder.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.agent.event.AgentEvent;
import io.parley.agent.internal.handshake.RotationHolds;
import io.parley.agent.model.NewInvitation;
import io.parley.agent.model.QueueInfo;
import io.parley.agent.testing.ChildAgent;
import io.parley.agent.testing.TestNetwork;
import io.parley.agent.testing.TestNetwork.TestAgent;
import io.parley.protocol.transport.RelayAddress;
import io.parley.relay.testing.RelayFixture;
import io.parley.testkit.Await;
import io.parley.testkit.LeakCheck;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A daemon killed without warning ({@code kill -9}, a child JVM) at each step of a queue
 * rotation (docs/agent.md 2.2), on each side: after the restart the rotation completes and
 * every message arrives once. Relays are stopped to hold the rotation at the step wanted.
 */
@ExtendWith(LeakCheck.class)
class RotationCrashTest {
  private static final Duration LONG = Duration.ofSeconds(60);

  @RegisterExtension
  final TestNetwork net = new TestNetwork();

  @Test
  void aRotatorKilledAfterOfferingTheNewQueueFinishesTheRotationAfterItsRestart()
      throws Exception {
    List<RelayAddress> relays = relays(2);
    TestAgent bob = net.agent("bob", relays);
    String bobConn;
    String aliceConn;
    Path dir = net.dataDir("alice");
    try (ChildAgent alice = ChildAgent.start(dir, relays, "alice")) {
      alice.await("READY", 1, LONG);
      NewInvitation inv = bob.agent().createInvitation(null).get(30, TimeUnit.SECONDS);
      bobConn = inv.connectionId();
      alice.send("JOIN " + inv.link());
      aliceConn = alice.await("JOINED", 1, LONG).substring("JOINED ".length());
      bob.events().await(is(AgentEvent.CONNECTION_ESTABLISHED, bobConn));
      alice.await("ESTABLISHED", 1, LONG);
      // Bob is away: the offer (QADD) is stored and waits for him.
      net.stop("bob");
      alice.send("ROTATE " + aliceConn + " " + hostPort(relays.get(1)));
      alice.await("ROTATING", 1, LONG);
      alice.kill();
    }
    TestAgent restarted = net.agent("alice", relays);
    bob = net.agent("bob", relays);
    restarted.events().await(is(AgentEvent.CONNECTION_ROTATED, aliceConn));
    exchangeAndCheck(restarted, aliceConn, bob, bobConn);
  }

  @Test
  void aRotatorKilledWhileItsReplacedQueueWaitsForDeletionDeletesItAfterItsRestart()
      throws Exception {
    List<RelayAddress> relays = relays(3);
    RelayFixture first = net.relay();
    TestAgent bob = net.agent("bob", relays.subList(0, 2));
    String bobConn;
    String aliceConn;
    int firstQueues;
    Path dir = net.dataDir("alice");
    try (ChildAgent alice = ChildAgent.start(dir, relays, "alice")) {
      alice.await("READY", 1, LONG);
      NewInvitation inv = bob.agent().createInvitation(null).get(30, TimeUnit.SECONDS);
      bobConn = inv.connectionId();
      alice.send("JOIN " + inv.link());
      aliceConn = alice.await("JOINED", 1, LONG).substring("JOINED ".length());
      bob.events().await(is(AgentEvent.CONNECTION_ESTABLISHED, bobConn));
      alice.poll("QUEUES " + aliceConn, "QUEUES", l -> l.split(" ").length == 5
          && !l.contains(":new"), LONG);
      firstQueues = first.relay().queueCount();
      // Alice's queue on the first relay moves to the third; the first relay goes down, so
      // Bob's switch (QUSE) comes over the second and the DEL of the old queue must wait.
      alice.send("ROTATE " + aliceConn + " " + hostPort(relays.get(2)));
      alice.await("ROTATING", 1, LONG);
      first.stop();
      alice.poll("QUEUES " + aliceConn, "QUEUES", l -> l.contains("receive:draining"), LONG);
      alice.kill();
    }
    first.restart();
    TestAgent restarted = net.agent("alice", relays);
    restarted.events().await(is(AgentEvent.CONNECTION_ROTATED, aliceConn));
    assertEquals(firstQueues - 1, first.relay().queueCount(),
        "the replaced queue is gone from its relay");
    exchangeAndCheck(restarted, aliceConn, bob, bobConn);
  }

  @Test
  void aPeerKilledAfterSwitchingButBeforeSecuringTheNewQueueSecuresAndUsesItAfterItsRestart()
      throws Exception {
    List<RelayAddress> relays = relays(3);
    RelayFixture third = net.relay("r2");
    TestAgent alice = net.agent("alice", relays);
    String aliceConn;
    String bobConn;
    Path dir = net.dataDir("bob");
    try (ChildAgent bob = ChildAgent.start(dir, relays.subList(0, 2), "bob")) {
      bob.await("READY", 1, LONG);
      NewInvitation inv = alice.agent().createInvitation(null).get(30, TimeUnit.SECONDS);
      aliceConn = inv.connectionId();
      bob.send("JOIN " + inv.link());
      bobConn = bob.await("JOINED", 1, LONG).substring("JOINED ".length());
      alice.events().await(is(AgentEvent.CONNECTION_ESTABLISHED, aliceConn));
      bob.await("ESTABLISHED", 1, LONG);
      bob.quit();
    }
    // Alice offers a queue on the third relay while Bob is away; the third relay then goes
    // down, so Bob, back, switches (QUSE over the old queues) but cannot secure the new one.
    alice.agent().rotate(aliceConn, hostPort(relays.get(2))).get(30, TimeUnit.SECONDS);
    third.stop();
    try (ChildAgent bob = ChildAgent.start(dir, relays.subList(0, 2), "bob")) {
      bob.await("READY", 1, LONG);
      alice.events().await(is(AgentEvent.CONNECTION_ROTATED, aliceConn));
      bob.poll("QUEUES " + bobConn, "QUEUES", l -> l.contains("send:new"), LONG);
      bob.kill();
    }
    third.restart();
    TestAgent bob = net.agent("bob", relays.subList(0, 2));
    exchangeAndCheck(alice, aliceConn, bob, bobConn);
    // The new queue was secured before its first SEND; the replaced one, deleted by Alice,
    // answered AUTH and was dropped.
    Await.value("bob's send queues settled", () -> bob.agent().queues(bobConn).stream()
        .filter(q -> q.direction() == QueueInfo.Direction.SEND).toList(),
        qs -> qs.size() == 2 && qs.stream().allMatch(q -> q.state() == QueueInfo.State.ACTIVE));
  }

  @Test
  void aPeerKilledAfterStoringTheOfferedQueueButBeforeSwitchingSwitchesAfterItsRestart()
      throws Exception {
    List<RelayAddress> relays = relays(3);
    TestAgent alice = net.agent("alice", relays);
    String aliceConn;
    String bobConn;
    int oldRelaysQueues;
    Path dir = net.dataDir("bob");
    try (ChildAgent bob = ChildAgent.startHolding(dir, relays.subList(0, 2), "bob",
        RotationHolds.Step.BEFORE_QUEUE_USE)) {
      bob.await("READY", 1, LONG);
      NewInvitation inv = alice.agent().createInvitation(null).get(30, TimeUnit.SECONDS);
      aliceConn = inv.connectionId();
      bob.send("JOIN " + inv.link());
      bobConn = bob.await("JOINED", 1, LONG).substring("JOINED ".length());
      alice.events().await(is(AgentEvent.CONNECTION_ESTABLISHED, aliceConn));
      bob.await("ESTABLISHED", 1, LONG);
      oldRelaysQueues = queuesOn("relay", "r1");
      // Bob stores the offer (QADD, with its mark) and is killed before sealing his switch.
      alice.agent().rotate(aliceConn, hostPort(relays.get(2))).get(30, TimeUnit.SECONDS);
      bob.await("HELD " + RotationHolds.Step.BEFORE_QUEUE_USE, 1, LONG);
      bob.kill();
    }
    TestAgent bob = net.agent("bob", relays.subList(0, 2));
    alice.events().await(is(AgentEvent.CONNECTION_ROTATED, aliceConn));
    assertEquals(oldRelaysQueues - 1, queuesOn("relay", "r1"),
        "the replaced queue is gone from its relay");
    exchangeAndCheck(alice, aliceConn, bob, bobConn);
  }

  @Test
  void aRotatorKilledAfterItsRelayDeletedTheReplacedQueueRemovesItsRowsAfterItsRestart()
      throws Exception {
    List<RelayAddress> relays = relays(3);
    TestAgent bob = net.agent("bob", relays.subList(0, 2));
    String bobConn;
    String aliceConn;
    int oldRelaysQueues;
    Path dir = net.dataDir("alice");
    try (ChildAgent alice = ChildAgent.startHolding(dir, relays, "alice",
        RotationHolds.Step.AFTER_REPLACED_QUEUE_DELETED)) {
      alice.await("READY", 1, LONG);
      NewInvitation inv = bob.agent().createInvitation(null).get(30, TimeUnit.SECONDS);
      bobConn = inv.connectionId();
      alice.send("JOIN " + inv.link());
      aliceConn = alice.await("JOINED", 1, LONG).substring("JOINED ".length());
      bob.events().await(is(AgentEvent.CONNECTION_ESTABLISHED, bobConn));
      alice.poll("QUEUES " + aliceConn, "QUEUES", l -> l.split(" ").length == 5
          && !l.contains(":new"), LONG);
      oldRelaysQueues = queuesOn("relay", "r1");
      alice.send("ROTATE " + aliceConn + " " + hostPort(relays.get(2)));
      alice.await("HELD " + RotationHolds.Step.AFTER_REPLACED_QUEUE_DELETED, 1, LONG);
      alice.kill();
    }
    assertEquals(oldRelaysQueues - 1, queuesOn("relay", "r1"),
        "the relay deleted the replaced queue before the kill");
    TestAgent restarted = net.agent("alice", relays);
    restarted.events().await(is(AgentEvent.CONNECTION_ROTATED, aliceConn));
    assertTrue(restarted.agent().queues(aliceConn).stream()
        .noneMatch(q -> q.state() == QueueInfo.State.DRAINING), "no queue left draining");
    exchangeAndCheck(restarted, aliceConn, bob, bobConn);
  }

  /** Relays r0 (the default), r1, r2... */
  private List<RelayAddress> relays(int n) throws Exception {
    List<RelayAddress> out = new java.util.ArrayList<>();
    out.add(net.relay().address());
    for (int i = 1; i < n; i++) {
      out.add(net.relay("r" + i).address());
    }
    return out;
  }

  /** Queues held by the named relays together. */
  private int queuesOn(String... names) throws Exception {
    int n = 0;
    for (String name : names) {
      n += net.relay(name).relay().queueCount();
    }
    return n;
  }

  private static String hostPort(RelayAddress r) {
    return r.host() + ":" + r.port();
  }

  /** Three messages each way after the restart arrive once each, in order, integrity ok. */
  private static void exchangeAndCheck(TestAgent a, String aConn, TestAgent b, String bConn)
      throws Exception {
    for (int i = 0; i < 3; i++) {
      a.agent().sendText(aConn, "a" + i, null).get(30, TimeUnit.SECONDS);
      b.agent().sendText(bConn, "b" + i, null).get(30, TimeUnit.SECONDS);
    }
    check(b, bConn, "a");
    check(a, aConn, "b");
  }

  private static void check(TestAgent receiver, String conn, String prefix) throws Exception {
    List<AgentEvent> got = receiver.events().awaitCount(
        e -> AgentEvent.MESSAGE_RECEIVED.equals(e.type()) && conn.equals(e.connectionId())
            && String.valueOf(e.data().get("text")).startsWith(prefix), 3, LONG);
    List<AgentEvent> all = receiver.events().matching(
        e -> AgentEvent.MESSAGE_RECEIVED.equals(e.type()) && conn.equals(e.connectionId()));
    assertEquals(3, all.size(), "each message once: " + all);
    for (int i = 0; i < 3; i++) {
      assertEquals(prefix + i, got.get(i).data().get("text"));
      assertEquals("ok", ((Map<?, ?>) got.get(i).data().get("integrity")).get("kind"));
    }
    assertTrue(receiver.events().matching(e -> AgentEvent.MESSAGE_ERROR.equals(e.type()))
        .isEmpty(), "no undecryptable message");
  }
}

package io.parley.agent;

import static io.parley.agent.testing.EventRecorder.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.agent.error.AgentException;
import io.parley.agent.event.AgentEvent;
import io.parley.agent.model.QueueInfo;
import io.parley.agent.model.RelayInfo;
import io.parley.agent.testing.TestNetwork;
import io.parley.agent.testing.TestNetwork.Pair;
import io.parley.agent.testing.TestNetwork.TestAgent;
import io.parley.protocol.transport.RelayAddress;
import io.parley.relay.testing.RelayFixture;
import io.parley.testkit.Await;
import io.parley.testkit.LeakCheck;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Relays as a resource: listed with their state, added at run time, retired when unused. */
@ExtendWith(LeakCheck.class)
class RelaysTest {
  @RegisterExtension
  final TestNetwork net = new TestNetwork();

  @Test
  void eachRelayIsListedWithItsStateItsQueueCountAndWhyItWentDown() throws Exception {
    RelayFixture second = net.relay("second");
    List<RelayAddress> both = List.of(net.relay().address(), second.address());
    TestAgent alice = net.agent("alice", both);
    TestAgent bob = net.agent("bob", both);
    net.connect(alice, bob);

    List<RelayInfo> relays = Await.value("both relays up", () -> alice.agent().relayList(),
        l -> l.size() == 2 && l.stream().allMatch(RelayInfo::up));
    for (RelayInfo r : relays) {
      assertEquals(1, r.queues(), "one receive queue of the connection on " + r.hostPort());
      assertTrue(r.since() != null);
      assertEquals(12, r.id().length());
    }

    String down = second.address().toString();
    second.stop();
    alice.events().await(e -> AgentEvent.RELAY_DOWN.equals(e.type())
        && down.equals(e.data().get("relay")));
    RelayInfo stopped = alice.agent().relayList().stream()
        .filter(r -> r.address().equals(down)).findFirst().orElseThrow();
    assertFalse(stopped.up());
    assertTrue(stopped.lastError() != null && !stopped.lastError().isBlank());
    assertFalse(stopped.lastError().contains(String.valueOf(second.port())),
        "the reason names no address: " + stopped.lastError());
  }

  @Test
  void aRelayAddedAtRunTimeCarriesNewConnectionsAndIsStillUsedAfterARestart()
      throws Exception {
    RelayFixture second = net.relay("second");
    TestAgent alice = net.agent("alice", List.of(net.relay().address()));
    TestAgent bob = net.agent("bob", List.of(net.relay().address(), second.address()));
    Agent a = alice.agent();

    RelayInfo added = alice.agent().addRelay(second.address().toString())
        .get(10, TimeUnit.SECONDS);
    assertEquals("127.0.0.1:" + second.port(), added.hostPort());
    assertEquals(added, alice.agent().addRelay(second.address().toString())
        .get(10, TimeUnit.SECONDS), "adding it again changes nothing");
    Await.until("the added relay is up", () -> a.relayList().stream()
        .allMatch(RelayInfo::up));

    Pair p = net.connect(alice, bob);
    long receiveQueues = alice.agent().queues(p.inviterConnection()).stream()
        .filter(q -> q.direction() == QueueInfo.Direction.RECEIVE).count();
    assertEquals(2, receiveQueues, "a queue on the configured relay and on the added one");

    TestAgent restarted = net.agent("alice", List.of(net.relay().address()));
    assertEquals(2, restarted.agent().relayList().size(), "the added relay outlasts a restart");
  }

  @Test
  void aRelayHoldingQueuesIsRetiredByRotatingThemOffAndIsThenForgottenForGood()
      throws Exception {
    RelayFixture second = net.relay("second");
    List<RelayAddress> both = List.of(net.relay().address(), second.address());
    TestAgent alice = net.agent("alice", both);
    TestAgent bob = net.agent("bob", both);
    Pair p = net.connect(alice, bob);
    String secondId = alice.agent().relayList().stream()
        .filter(r -> r.address().equals(second.address().toString()))
        .findFirst().orElseThrow().id();

    assertEquals(1, alice.agent().retireRelay(secondId).get(10, TimeUnit.SECONDS),
        "one receive queue to move");
    alice.events().await(is(AgentEvent.CONNECTION_ROTATED, p.inviterConnection()));
    String secondHostPort = "127.0.0.1:" + second.port();
    assertTrue(alice.agent().queues(p.inviterConnection()).stream()
        .noneMatch(q -> q.direction() == QueueInfo.Direction.RECEIVE
            && q.relay().equals(secondHostPort)), "no receive queue left on the retired relay");
    assertEquals(List.of(net.relay().address().toString()),
        alice.agent().relayList().stream().map(RelayInfo::address).toList());

    TestAgent restarted = net.agent("alice", both);
    assertEquals(1, restarted.agent().relayList().size(),
        "a retired relay stays retired although the configuration names it");
    ExecutionException unknown = org.junit.jupiter.api.Assertions.assertThrows(
        ExecutionException.class,
        () -> restarted.agent().retireRelay(secondId).get(10, TimeUnit.SECONDS));
    assertEquals(AgentException.Reason.UNKNOWN_RELAY,
        ((AgentException) unknown.getCause()).reason());
  }

  @Test
  void aRetiredRelayIsListedAsRetiringWithItsQueueCountUntilItsQueuesHaveMovedOff()
      throws Exception {
    RelayFixture second = net.relay("second");
    List<RelayAddress> both = List.of(net.relay().address(), second.address());
    TestAgent alice = net.agent("alice", both);
    TestAgent bob = net.agent("bob", both);
    Pair p = net.connect(alice, bob);
    String secondAddress = second.address().toString();
    String secondId = alice.agent().relayList().stream()
        .filter(r -> r.address().equals(secondAddress)).findFirst().orElseThrow().id();
    // Bob is away, so the rotation waits for his switch and the old queue stays.
    net.stop("bob");

    assertEquals(1, alice.agent().retireRelay(secondId).get(10, TimeUnit.SECONDS));
    RelayInfo retiring = alice.agent().relayList().stream()
        .filter(r -> r.address().equals(secondAddress)).findFirst().orElseThrow();
    assertTrue(retiring.retiring());
    assertEquals(1, retiring.queues());
    assertFalse(alice.agent().relayList().get(0).retiring(), "the relay in use is not");
    assertEquals(1, alice.agent().retireRelay(secondId).get(10, TimeUnit.SECONDS),
        "retiring it again answers the queues still to move");

    net.agent("bob", both);
    alice.events().await(is(AgentEvent.CONNECTION_ROTATED, p.inviterConnection()));
    Await.until("the retired relay is dropped once it holds nothing", () -> alice.agent()
        .relayList().stream().noneMatch(r -> r.address().equals(secondAddress)));
  }

  @Test
  void aRelayHoldingTheContactAddressIsNotRetiredAndTheOwnerIsToldToMakeANewAddress()
      throws Exception {
    RelayFixture second = net.relay("second");
    TestAgent alice = net.agent("alice", List.of(net.relay().address(), second.address()));
    alice.agent().createAddress(false, null).get(10, TimeUnit.SECONDS);
    RelayInfo holding = alice.agent().relayList().stream().filter(r -> r.queues() > 0)
        .findFirst().orElseThrow();

    ExecutionException refused = org.junit.jupiter.api.Assertions.assertThrows(
        ExecutionException.class,
        () -> alice.agent().retireRelay(holding.id()).get(10, TimeUnit.SECONDS));
    AgentException e = (AgentException) refused.getCause();
    assertEquals(AgentException.Reason.ADDRESS_ON_RELAY, e.reason());
    assertTrue(e.getMessage().contains("make a new"), e.getMessage());
    assertEquals(2, alice.agent().relayList().stream().filter(r -> !r.retiring()).count(),
        "nothing was retired");

    alice.agent().deleteAddress().get(10, TimeUnit.SECONDS);
    assertEquals(0, alice.agent().retireRelay(holding.id()).get(10, TimeUnit.SECONDS),
        "once the address is gone the relay holds nothing and is retired at once");
  }
}

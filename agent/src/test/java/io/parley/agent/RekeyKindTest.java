package io.parley.agent;

import static io.parley.agent.DeletionTest.assertReason;
import static io.parley.agent.testing.EventRecorder.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.parley.agent.error.AgentException;
import io.parley.agent.event.AgentEvent;
import io.parley.agent.testing.TestNetwork;
import io.parley.agent.testing.TestNetwork.Pair;
import io.parley.agent.testing.TestNetwork.TestAgent;
import io.parley.protocol.agent.RekeyLink;
import io.parley.testkit.LeakCheck;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A re-key and a resync keep the connection's kind of ratchet: post-quantum stays
 * post-quantum, classic stays classic (docs/agent-protocol.md sections 9 and 10).
 */
@ExtendWith(LeakCheck.class)
class RekeyKindTest {
  @RegisterExtension
  final TestNetwork net = new TestNetwork();

  @Test
  void aRekeyAndThenAResyncOfAPostQuantumConnectionKeepItPostQuantumAndMessagesFlowBothWays()
      throws Exception {
    TestAgent alice = net.agent("alice");
    TestAgent bob = net.agent("bob");
    Pair p = net.connect(alice, bob);
    assertKind(true, alice, p.inviterConnection(), bob, p.joinerConnection());

    rekeyAndResync(alice, p.inviterConnection(), bob, p.joinerConnection(), true);
  }

  @Test
  void aRekeyAndThenAResyncOfAClassicConnectionKeepItClassicAndMessagesFlowBothWays()
      throws Exception {
    TestAgent alice = net.agent("alice");
    TestAgent bob = net.agent("bob", List.of(net.relay().address()),
        c -> c.withPostQuantum(false));
    Pair p = net.connect(alice, bob);
    assertKind(false, alice, p.inviterConnection(), bob, p.joinerConnection());

    rekeyAndResync(alice, p.inviterConnection(), bob, p.joinerConnection(), false);
  }

  @Test
  void bothSidesAskingForAResyncOfAPostQuantumConnectionAtOnceAgreeOnOnePostQuantumRatchet()
      throws Exception {
    TestAgent alice = net.agent("alice");
    TestAgent bob = net.agent("bob");
    Pair p = net.connect(alice, bob);
    String a = p.inviterConnection();
    String b = p.joinerConnection();

    alice.agent().resyncRatchet(a).get(30, TimeUnit.SECONDS);
    bob.agent().resyncRatchet(b).get(30, TimeUnit.SECONDS);
    AgentEvent aliceDone = alice.events().await(is(AgentEvent.CONNECTION_RATCHET_RESYNCED, a));
    AgentEvent bobDone = bob.events().await(is(AgentEvent.CONNECTION_RATCHET_RESYNCED, b));
    assertEquals(aliceDone.data().get("securityCode"), bobDone.data().get("securityCode"));
    assertKind(true, alice, a, bob, b);
    exchange(alice, a, bob, b, "at-once");
    assertNoErrors(alice, a, bob, b);
  }

  @Test
  void aReKeyLinkWithoutAPostQuantumKeyIsRefusedOnAPostQuantumConnectionAsABadLink()
      throws Exception {
    TestAgent alice = net.agent("alice");
    TestAgent bob = net.agent("bob");
    Pair p = net.connect(alice, bob);
    RekeyLink real = RekeyLink.parse(
        alice.agent().createRekeyLink(p.inviterConnection()).get(30, TimeUnit.SECONDS));
    String stripped =
        new RekeyLink(real.handle(), real.key1(), real.key2(), real.secret()).encode();

    assertReason(AgentException.Reason.BAD_LINK,
        () -> bob.agent().openRekeyLink(stripped, p.joinerConnection()).get());
    assertKind(true, alice, p.inviterConnection(), bob, p.joinerConnection());
    exchange(alice, p.inviterConnection(), bob, p.joinerConnection(), "unchanged");
  }

  private static void rekeyAndResync(TestAgent alice, String a, TestAgent bob, String b,
      boolean pq) throws Exception {
    String link = alice.agent().createRekeyLink(a).get(30, TimeUnit.SECONDS);
    assertEquals(pq, RekeyLink.parse(link).kemKey() != null, "the link carries a KEM key");
    String before = code(alice, a);
    bob.agent().openRekeyLink(link, b).get(30, TimeUnit.SECONDS);
    alice.events().await(is(AgentEvent.CONNECTION_REKEYED, a));
    exchange(alice, a, bob, b, "rekeyed");
    assertNotEquals(before, code(alice, a));
    assertEquals(code(alice, a), code(bob, b));
    assertKind(pq, alice, a, bob, b);

    bob.agent().resyncRatchet(b).get(30, TimeUnit.SECONDS);
    bob.events().await(is(AgentEvent.CONNECTION_RATCHET_RESYNCED, b));
    alice.events().await(is(AgentEvent.CONNECTION_RATCHET_RESYNCED, a));
    assertEquals(code(alice, a), code(bob, b));
    assertKind(pq, alice, a, bob, b);
    exchange(alice, a, bob, b, "resynced");
    assertNoErrors(alice, a, bob, b);
  }

  private static void assertKind(boolean pq, TestAgent alice, String a, TestAgent bob,
      String b) {
    assertEquals(pq, alice.agent().connection(a).orElseThrow().pq(), "alice's kind");
    assertEquals(pq, bob.agent().connection(b).orElseThrow().pq(), "bob's kind");
  }

  private static void assertNoErrors(TestAgent alice, String a, TestAgent bob, String b) {
    for (String type : List.of(AgentEvent.CONNECTION_ERROR, AgentEvent.MESSAGE_ERROR)) {
      assertEquals(List.of(), alice.events().matching(is(type, a)), type);
      assertEquals(List.of(), bob.events().matching(is(type, b)), type);
    }
  }

  /** One message each way, each waited for, so both new ratchets are used both ways. */
  private static void exchange(TestAgent alice, String a, TestAgent bob, String b, String tag)
      throws Exception {
    alice.agent().sendText(a, "ping-" + tag, null).get(30, TimeUnit.SECONDS);
    await(bob, b, "ping-" + tag);
    bob.agent().sendText(b, "pong-" + tag, null).get(30, TimeUnit.SECONDS);
    await(alice, a, "pong-" + tag);
  }

  private static void await(TestAgent to, String connection, String text)
      throws InterruptedException {
    to.events().await(e -> is(AgentEvent.MESSAGE_RECEIVED, connection).test(e)
        && text.equals(e.data().get("text")));
  }

  private static String code(TestAgent t, String connection) {
    return t.agent().connection(connection).orElseThrow().securityCode();
  }
}

package io.parley.agent;

import static io.parley.agent.DeletionTest.assertReason;
import static io.parley.agent.testing.EventRecorder.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.agent.error.AgentException;
import io.parley.agent.event.AgentEvent;
import io.parley.agent.model.ConnectionInfo;
import io.parley.agent.model.NewInvitation;
import io.parley.agent.testing.TestNetwork;
import io.parley.agent.testing.TestNetwork.Pair;
import io.parley.agent.testing.TestNetwork.TestAgent;
import io.parley.protocol.agent.AgentLimits;
import io.parley.protocol.agent.ConnectionLink;
import io.parley.testkit.LeakCheck;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The hybrid post-quantum ratchet between agents (docs/agent-protocol.md section 8): on by
 * default, an agent with it off (as an agent from before version 2) still connects classically,
 * and a post-quantum offer removed from the link on its way is caught.
 */
@ExtendWith(LeakCheck.class)
class PostQuantumTest {
  @RegisterExtension
  final TestNetwork net = new TestNetwork();

  private TestAgent classic(String name) throws AgentException {
    return net.agent(name, List.of(net.relay().address()), c -> c.withPostQuantum(false));
  }

  @Test
  void twoCurrentAgentsUseThePostQuantumRatchetByDefaultAndTalkBothWays() throws Exception {
    TestAgent alice = net.agent("alice");
    TestAgent bob = net.agent("bob");
    NewInvitation inv = alice.agent().createInvitation(null).get(30, TimeUnit.SECONDS);
    assertTrue(ConnectionLink.parse(inv.link()).offersPq(), "the link offers ML-KEM");
    assertTrue(inv.link().length() <= ConnectionLink.MAX_LINK_CHARS,
        "a post-quantum link still fits what version 1 agents accept");
    String bobSide = bob.agent().join(inv.link(), null).get(30, TimeUnit.SECONDS);
    alice.events().await(is(AgentEvent.CONNECTION_ESTABLISHED, inv.connectionId()));
    bob.events().await(is(AgentEvent.CONNECTION_ESTABLISHED, bobSide));

    assertTrue(alice.agent().connection(inv.connectionId()).orElseThrow().pq());
    assertTrue(bob.agent().connection(bobSide).orElseThrow().pq());
    talk(alice, inv.connectionId(), bob, bobSide);
  }

  @Test
  void aCurrentAgentAndOneWithoutPostQuantumConnectClassicallyWhicheverInvites()
      throws Exception {
    TestAgent alice = net.agent("alice");
    TestAgent old = classic("old");
    Pair p = net.connect(alice, old);
    assertFalse(alice.agent().connection(p.inviterConnection()).orElseThrow().pq());
    assertFalse(old.agent().connection(p.joinerConnection()).orElseThrow().pq());
    talk(alice, p.inviterConnection(), old, p.joinerConnection());

    NewInvitation fromOld = old.agent().createInvitation(null).get(30, TimeUnit.SECONDS);
    assertFalse(ConnectionLink.parse(fromOld.link()).offersPq());
    assertFalse(fromOld.link().contains("kem="), "an old agent's link is version 1 only");
    String aliceSide = alice.agent().join(fromOld.link(), null).get(30, TimeUnit.SECONDS);
    old.events().await(is(AgentEvent.CONNECTION_ESTABLISHED, fromOld.connectionId()));
    alice.events().await(is(AgentEvent.CONNECTION_ESTABLISHED, aliceSide));
    assertFalse(alice.agent().connection(aliceSide).orElseThrow().pq());
    talk(old, fromOld.connectionId(), alice, aliceSide);
  }

  @Test
  void aLinkWhosePostQuantumOfferWasStrippedIsCaughtByTheInviterAsADowngrade()
      throws Exception {
    TestAgent alice = net.agent("alice");
    TestAgent bob = net.agent("bob");
    NewInvitation inv = alice.agent().createInvitation(null).get(30, TimeUnit.SECONDS);
    ConnectionLink real = ConnectionLink.parse(inv.link());
    // Whoever carries the link removes the KEM key and the version announcement: the link now
    // looks like one from an agent that never offered version 2.
    String stripped = new ConnectionLink(real.kind(), real.queues(), real.ratchetKey1(),
        real.ratchetKey2()).encode();
    bob.agent().join(stripped, null).get(30, TimeUnit.SECONDS);

    AgentEvent e = alice.events().await(is(AgentEvent.CONNECTION_ERROR, inv.connectionId()));
    assertEquals("downgrade", e.data().get("reason"));
    ConnectionInfo still = alice.agent().connection(inv.connectionId()).orElseThrow();
    assertEquals(ConnectionInfo.Status.PENDING, still.status(),
        "the invitation still waits for an answer that keeps its offer");
  }

  @Test
  void aLinkAnnouncingVersionTwoWithoutItsKemKeyIsRefusedAsTampered() throws Exception {
    TestAgent alice = net.agent("alice");
    TestAgent bob = net.agent("bob");
    NewInvitation inv = alice.agent().createInvitation(null).get(30, TimeUnit.SECONDS);
    String noKey = inv.link().replaceAll("&kem=[A-Za-z0-9_-]+", "");
    assertReason(AgentException.Reason.BAD_LINK,
        () -> bob.agent().join(noKey, null).get(30, TimeUnit.SECONDS));
    assertEquals(List.of(), bob.agent().connections(), "a refused join leaves nothing");
  }

  @Test
  void aTextTooLongForAPostQuantumConnectionIsRefusedWithATypedReason() throws Exception {
    TestAgent alice = net.agent("alice");
    TestAgent bob = net.agent("bob");
    Pair p = net.connect(alice, bob);
    String longest = "x".repeat(AgentLimits.PQ_MAX_TEXT_BYTES);
    alice.agent().sendText(p.inviterConnection(), longest, null).get(30, TimeUnit.SECONDS);
    AgentEvent got = bob.events().await(is(AgentEvent.MESSAGE_RECEIVED, p.joinerConnection()));
    assertEquals(longest, got.data().get("text"));
    assertReason(AgentException.Reason.TEXT_TOO_LONG, () -> alice.agent()
        .sendText(p.inviterConnection(), longest + "x", null).get(30, TimeUnit.SECONDS));
  }

  private static void talk(TestAgent a, String aConn, TestAgent b, String bConn)
      throws Exception {
    for (int i = 0; i < 3; i++) {
      String toB = "to b " + i;
      a.agent().sendText(aConn, toB, null).get(30, TimeUnit.SECONDS);
      b.events().await(e -> is(AgentEvent.MESSAGE_RECEIVED, bConn).test(e)
          && toB.equals(e.data().get("text")));
      String toA = "to a " + i;
      b.agent().sendText(bConn, toA, null).get(30, TimeUnit.SECONDS);
      a.events().await(e -> is(AgentEvent.MESSAGE_RECEIVED, aConn).test(e)
          && toA.equals(e.data().get("text")));
    }
  }
}

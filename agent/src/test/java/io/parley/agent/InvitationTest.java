package io.parley.agent;

import static io.parley.agent.testing.EventRecorder.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.parley.agent.event.AgentEvent;
import io.parley.agent.model.ConnectionInfo;
import io.parley.agent.model.MessageInfo;
import io.parley.agent.model.MessageStatus;
import io.parley.agent.model.QueuedMessage;
import io.parley.agent.testing.TestNetwork;
import io.parley.agent.testing.TestNetwork.Pair;
import io.parley.agent.testing.TestNetwork.TestAgent;
import io.parley.testkit.LeakCheck;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(LeakCheck.class)
class InvitationTest {
  @RegisterExtension
  final TestNetwork net = new TestNetwork();

  @Test
  void anInvitationEstablishesBothSidesWithEqualSecurityCodes() throws Exception {
    TestAgent alice = net.agent("alice");
    TestAgent bob = net.agent("bob");

    Pair p = net.connect(alice, bob);

    ConnectionInfo a = alice.agent().connection(p.inviterConnection()).orElseThrow();
    ConnectionInfo b = bob.agent().connection(p.joinerConnection()).orElseThrow();
    assertEquals(ConnectionInfo.Status.ESTABLISHED, a.status());
    assertEquals(ConnectionInfo.Status.ESTABLISHED, b.status());
    assertEquals(ConnectionInfo.Role.INVITER, a.role());
    assertEquals(ConnectionInfo.Role.JOINER, b.role());
    assertNotNull(a.securityCode());
    assertEquals(a.securityCode(), b.securityCode());
    assertEquals("bob", a.alias(), "the peer's display name is the default alias");
    assertEquals("alice", b.alias());
  }

  @Test
  void messagesFlowBothWaysAndReachDelivered() throws Exception {
    TestAgent alice = net.agent("alice");
    TestAgent bob = net.agent("bob");
    Pair p = net.connect(alice, bob);

    QueuedMessage m1 = alice.agent().sendText(p.inviterConnection(), "hello bob", null)
        .get(10, TimeUnit.SECONDS);
    QueuedMessage m2 = bob.agent().sendText(p.joinerConnection(), "hello alice", null)
        .get(10, TimeUnit.SECONDS);

    AgentEvent atBob = bob.events().await(is(AgentEvent.MESSAGE_RECEIVED, p.joinerConnection()));
    AgentEvent atAlice = alice.events().await(
        is(AgentEvent.MESSAGE_RECEIVED, p.inviterConnection()));
    assertEquals("hello bob", atBob.data().get("text"));
    assertEquals("hello alice", atAlice.data().get("text"));
    assertEquals("ok", ((java.util.Map<?, ?>) atBob.data().get("integrity")).get("kind"));

    alice.events().await(e -> AgentEvent.MESSAGE_STATUS.equals(e.type())
        && m1.messageId().equals(e.data().get("messageId"))
        && "delivered".equals(e.data().get("status")));
    bob.events().await(e -> AgentEvent.MESSAGE_STATUS.equals(e.type())
        && m2.messageId().equals(e.data().get("messageId"))
        && "delivered".equals(e.data().get("status")));
    MessageInfo info = alice.agent().message(m1.messageId()).orElseThrow();
    assertEquals(MessageStatus.DELIVERED, info.status());
    assertEquals(java.util.List.of(MessageStatus.QUEUED, MessageStatus.SENT,
        MessageStatus.DELIVERED), info.timeline().stream().map(MessageInfo.StatusChange::status)
        .toList());
  }
}

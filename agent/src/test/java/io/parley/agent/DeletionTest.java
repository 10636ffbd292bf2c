package io.parley.agent;

import static io.parley.agent.testing.EventRecorder.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.agent.error.AgentException;
import io.parley.agent.event.AgentEvent;
import io.parley.agent.internal.delivery.SendFailure;
import io.parley.agent.model.MessageInfo;
import io.parley.agent.model.MessageStatus;
import io.parley.agent.model.QueuedMessage;
import io.parley.agent.testing.TestNetwork;
import io.parley.agent.testing.TestNetwork.Pair;
import io.parley.agent.testing.TestNetwork.TestAgent;
import io.parley.testkit.LeakCheck;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(LeakCheck.class)
class DeletionTest {
  @RegisterExtension
  final TestNetwork net = new TestNetwork();

  @Test
  void deletingAConnectionMakesThePeersNextSendFailWithTheReason() throws Exception {
    TestAgent alice = net.agent("alice");
    TestAgent bob = net.agent("bob");
    Pair p = net.connect(alice, bob);

    alice.agent().deleteConnection(p.inviterConnection()).get(30, TimeUnit.SECONDS);

    alice.events().await(is(AgentEvent.CONNECTION_DELETED, p.inviterConnection()));
    assertTrue(alice.agent().connection(p.inviterConnection()).isEmpty());
    assertEquals(List.of(), alice.agent().connections());
    QueuedMessage m = bob.agent().sendText(p.joinerConnection(), "anyone there?", null)
        .get(30, TimeUnit.SECONDS);
    AgentEvent failed = bob.events().await(e -> AgentEvent.MESSAGE_STATUS.equals(e.type())
        && m.messageId().equals(e.data().get("messageId"))
        && "failed".equals(e.data().get("status")));
    assertEquals(SendFailure.PEER_DELETED, failed.data().get("reason"));
    MessageInfo info = bob.agent().message(m.messageId()).orElseThrow();
    assertEquals(MessageStatus.FAILED, info.status());
    assertEquals(SendFailure.PEER_DELETED, info.failureReason());
  }

  @Test
  void aDeletedConnectionIsUnknownToEveryLaterCallAndAfterARestart() throws Exception {
    TestAgent alice = net.agent("alice");
    TestAgent bob = net.agent("bob");
    Pair p = net.connect(alice, bob);
    alice.agent().deleteConnection(p.inviterConnection()).get(30, TimeUnit.SECONDS);

    assertReason(AgentException.Reason.UNKNOWN_CONNECTION, () -> alice.agent()
        .deleteConnection(p.inviterConnection()).get(30, TimeUnit.SECONDS));
    assertReason(AgentException.Reason.UNKNOWN_CONNECTION, () -> alice.agent()
        .sendText(p.inviterConnection(), "x", null).get(30, TimeUnit.SECONDS));

    TestAgent again = net.agent("alice");
    assertEquals(List.of(), again.agent().connections());
  }

  static void assertReason(AgentException.Reason reason, ThrowingCall call) {
    ExecutionException e = assertThrows(ExecutionException.class, call::run);
    assertEquals(reason, assertInstanceOf(AgentException.class, e.getCause()).reason());
  }

  /** A call that fails through its future. */
  interface ThrowingCall {
    void run() throws Exception;
  }
}

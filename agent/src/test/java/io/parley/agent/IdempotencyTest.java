package io.parley.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.parley.agent.error.AgentException;
import io.parley.agent.model.QueuedMessage;
import io.parley.agent.readmodel.HistoryEntry;
import io.parley.agent.testing.TestNetwork;
import io.parley.agent.testing.TestNetwork.Pair;
import io.parley.agent.testing.TestNetwork.TestAgent;
import io.parley.testkit.LeakCheck;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An idempotency key names one message on its connection. */
@ExtendWith(LeakCheck.class)
class IdempotencyTest {
  @RegisterExtension
  final TestNetwork net = new TestNetwork();

  private static AgentException conflict(CompletableFuture<QueuedMessage> f) {
    ExecutionException e = assertThrows(ExecutionException.class,
        () -> f.get(30, TimeUnit.SECONDS));
    return assertInstanceOf(AgentException.class, e.getCause());
  }

  private static AgentException refused(Agent a, String connection, String text, String key) {
    return conflict(a.sendText(connection, text, key));
  }

  @Test
  void aKeyReusedWithAnotherTextIsRefusedWhileInFlightAndOnceStoredAndQueuesNothing()
      throws Exception {
    TestAgent alice = net.agent("alice");
    TestAgent bob = net.agent("bob");
    Pair p = net.connect(alice, bob);
    String c = p.inviterConnection();

    CompletableFuture<QueuedMessage> first = alice.agent().sendText(c, "disk full", "k-1");
    // Right away the first send may still be committing: the text is compared either way.
    assertEquals(AgentException.Reason.IDEMPOTENCY_CONFLICT,
        refused(alice.agent(), c, "disk fine", "k-1").reason());
    QueuedMessage stored = first.get(30, TimeUnit.SECONDS);
    assertEquals(AgentException.Reason.IDEMPOTENCY_CONFLICT,
        refused(alice.agent(), c, "disk fine", "k-1").reason());

    QueuedMessage again = alice.agent().sendText(c, "disk full", "k-1").get(30, TimeUnit.SECONDS);
    assertEquals(stored.messageId(), again.messageId());
    QueuedMessage other = alice.agent().sendText(c, "disk fine", "k-2")
        .get(30, TimeUnit.SECONDS);
    assertEquals(List.of(stored.messageId(), other.messageId()),
        alice.agent().history().latest(c, 10).stream().map(HistoryEntry::id).toList(),
        "the refused sends queued nothing");
  }
}

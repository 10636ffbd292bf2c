package io.parley.agent.testing;

import static io.parley.agent.testing.EventRecorder.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parley.agent.event.AgentEvent;
import io.parley.agent.model.QueuedMessage;
import io.parley.agent.testing.TestNetwork.Pair;
import io.parley.agent.testing.TestNetwork.TestAgent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Messages sent both ways on a pair, and the exactly-once check the delivery tests share. */
public final class Exchanges {
  /** How long all messages of an exchange may take to arrive on a loaded machine. */
  private static final Duration ARRIVAL_DEADLINE = Duration.ofSeconds(60);

  private Exchanges() {}

  /** Alice sends a{from..to-1} and Bob b{from..to-1}, interleaved. */
  public static List<CompletableFuture<QueuedMessage>> exchange(TestAgent alice, TestAgent bob,
      Pair p, int from, int to) {
    List<CompletableFuture<QueuedMessage>> sent = new ArrayList<>();
    for (int i = from; i < to; i++) {
      sent.add(alice.agent().sendText(p.inviterConnection(), "a" + i, null));
      sent.add(bob.agent().sendText(p.joinerConnection(), "b" + i, null));
    }
    return sent;
  }

  /**
   * {@code n} messages arrived, in order, each once and each with integrity ok; none more
   * arrived meanwhile.
   */
  public static void assertExactlyOnceInOrder(TestAgent receiver, String connectionId,
      String prefix, int n) throws InterruptedException {
    List<AgentEvent> got = receiver.events().awaitCount(
        is(AgentEvent.MESSAGE_RECEIVED, connectionId), n, ARRIVAL_DEADLINE);
    List<AgentEvent> all = receiver.events().matching(
        is(AgentEvent.MESSAGE_RECEIVED, connectionId));
    StringBuilder trace = new StringBuilder();
    for (AgentEvent e : all) {
      trace.append(e.data().get("text")).append('/')
          .append(((Map<?, ?>) e.data().get("integrity")).get("kind")).append(' ');
    }
    assertEquals(n, all.size(), "no message arrived twice: " + trace);
    for (int i = 0; i < n; i++) {
      assertEquals(prefix + i, got.get(i).data().get("text"), trace.toString());
      assertEquals("ok", ((Map<?, ?>) got.get(i).data().get("integrity")).get("kind"),
          "integrity of " + prefix + i);
    }
  }
}

package io.parley.agent;

import static io.parley.agent.testing.EventRecorder.is;
import static io.parley.agent.testing.EventRecorder.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.agent.event.AgentEvent;
import io.parley.agent.internal.delivery.Outbox;
import io.parley.agent.model.MessageStatus;
import io.parley.agent.model.QueuedMessage;
import io.parley.agent.testing.TestNetwork;
import io.parley.agent.testing.TestNetwork.Pair;
import io.parley.agent.testing.TestNetwork.TestAgent;
import io.parley.testkit.LeakCheck;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(LeakCheck.class)
class ThroughputTest {
  private static final int MESSAGES = 1_000;

  @RegisterExtension
  final TestNetwork net = new TestNetwork();

  @Test
  void aThousandMessagesArriveInOrderAndAllBecomeDeliveredByFewPacedReceipts() throws Exception {
    TestAgent alice = net.agent("alice");
    TestAgent bob = net.agent("bob");
    Pair p = net.connect(alice, bob);

    long t0 = System.nanoTime();
    List<CompletableFuture<QueuedMessage>> sent = new ArrayList<>();
    for (int i = 0; i < MESSAGES; i++) {
      sent.add(alice.agent().sendText(p.inviterConnection(), "message " + i, null));
    }
    CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    List<AgentEvent> received = bob.events().awaitCount(
        is(AgentEvent.MESSAGE_RECEIVED, p.joinerConnection()), MESSAGES, Duration.ofSeconds(60));
    long t1 = System.nanoTime();
    alice.events().awaitCount(status(p.inviterConnection(), "delivered"), MESSAGES,
        Duration.ofSeconds(60));
    long t2 = System.nanoTime();

    for (int i = 0; i < MESSAGES; i++) {
      assertEquals("message " + i, received.get(i).data().get("text"));
      assertEquals("ok", ((Map<?, ?>) received.get(i).data().get("integrity")).get("kind"));
    }
    for (CompletableFuture<QueuedMessage> f : sent) {
      assertEquals(MessageStatus.DELIVERED,
          alice.agent().message(f.get().messageId()).orElseThrow().status());
    }
    // Receipts are cumulative and paced: few of them acknowledge the whole burst.
    long receipts = receiptsSentBy(bob);
    long paced = (t2 - t0) / 1_000_000 / Outbox.RECEIPT_INTERVAL_MILLIS + 2;
    assertTrue(receipts <= paced, receipts + " receipts; pacing allows " + paced);
    assertTrue(receipts < MESSAGES / 3, receipts + " receipts for " + MESSAGES + " messages");
    System.out.printf("%d messages: all received in %d ms (%.0f msg/s), all delivered in %d ms"
        + " by %d receipts%n", MESSAGES, (t1 - t0) / 1_000_000, MESSAGES * 1e9 / (t1 - t0),
        (t2 - t0) / 1_000_000, receipts);
  }

  private static long receiptsSentBy(TestAgent agent) throws Exception {
    String url = "jdbc:sqlite:" + agent.dataDir().resolve("parley.db");
    try (Connection c = DriverManager.getConnection(url);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(
            "SELECT count(*) FROM messages_out WHERE kind = 'receipt'")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}

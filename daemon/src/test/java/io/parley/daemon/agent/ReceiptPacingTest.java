package io.parley.daemon.agent;

import static io.parley.daemon.testing.EventRecorder.is;
import static io.parley.daemon.testing.EventRecorder.status;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.daemon.delivery.Outbox;
import io.parley.daemon.testing.TestNetwork;
import io.parley.daemon.testing.TestNetwork.Pair;
import io.parley.daemon.testing.TestNetwork.TestAgent;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Receipts are cumulative, so a busy receiver sends few of them, paced in time, and every message
 * still ends delivered.
 */
class ReceiptPacingTest {
  private static final int MESSAGES = 300;
  private static final Duration DEADLINE = Duration.ofSeconds(60);

  @TempDir
  Path dir;
  TestNetwork net;

  @BeforeEach
  void start() throws Exception {
    net = new TestNetwork(dir);
  }

  @AfterEach
  void stop() {
    net.close();
  }

  @Test
  void aBurstIsAcknowledgedByFewPacedReceiptsAndEveryMessageEndsDelivered() throws Exception {
    TestAgent alice = net.agent("alice");
    TestAgent bob = net.agent("bob");
    Pair p = net.connect(alice, bob);

    long t0 = System.nanoTime();
    List<CompletableFuture<QueuedMessage>> sent = new ArrayList<>();
    for (int i = 0; i < MESSAGES; i++) {
      sent.add(alice.agent().sendText(p.inviterConnection(), "m" + i, null));
    }
    CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    bob.events().awaitCount(is(AgentEvent.MESSAGE_RECEIVED, p.joinerConnection()), MESSAGES,
        DEADLINE);
    // The last receipt may wait one interval: delivery of the whole burst is the liveness proof.
    alice.events().awaitCount(status(p.inviterConnection(), "delivered"), MESSAGES, DEADLINE);
    long elapsedMillis = (System.nanoTime() - t0) / 1_000_000;

    long receipts = receiptsSentBy(bob);
    long paced = elapsedMillis / Outbox.RECEIPT_INTERVAL_MILLIS + 2;
    assertTrue(receipts <= paced,
        receipts + " receipts in " + elapsedMillis + " ms; pacing allows " + paced);
    assertTrue(receipts < MESSAGES / 3, receipts + " receipts for " + MESSAGES + " messages");
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

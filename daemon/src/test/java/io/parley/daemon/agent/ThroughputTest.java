package io.parley.daemon.agent;

import static io.parley.daemon.testing.EventRecorder.is;
import static io.parley.daemon.testing.EventRecorder.status;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parley.daemon.testing.TestNetwork;
import io.parley.daemon.testing.TestNetwork.Pair;
import io.parley.daemon.testing.TestNetwork.TestAgent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThroughputTest {
  private static final int MESSAGES = 1_000;

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
  void aThousandMessagesArriveInOrderAndAllBecomeDelivered() throws Exception {
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
      if (!("message " + i).equals(received.get(i).data().get("text"))) {
        for (int j = Math.max(0, i - 3); j < i + 5; j++) {
          System.out.println("DEBUG " + received.get(j).data());
        }
        alice.events().matching(e -> e.data().containsKey("reason"))
            .forEach(e -> System.out.println("DEBUG " + e.data()));
      }
      assertEquals("message " + i, received.get(i).data().get("text"));
      assertEquals("ok", ((Map<?, ?>) received.get(i).data().get("integrity")).get("kind"));
    }
    for (CompletableFuture<QueuedMessage> f : sent) {
      assertEquals(MessageStatus.DELIVERED,
          alice.agent().message(f.get().messageId()).orElseThrow().status());
    }
    System.out.printf("%d messages: all received in %d ms (%.0f msg/s), all delivered in %d ms%n",
        MESSAGES, (t1 - t0) / 1_000_000, MESSAGES * 1e9 / (t1 - t0), (t2 - t0) / 1_000_000);
  }
}

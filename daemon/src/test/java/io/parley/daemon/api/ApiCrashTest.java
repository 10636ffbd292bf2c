package io.parley.daemon.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.agent.event.AgentEvent;
import io.parley.agent.model.NewInvitation;
import io.parley.daemon.api.security.TokenFile;
import io.parley.agent.testing.EventRecorder;
import io.parley.agent.testing.TestNetwork;
import io.parley.agent.testing.TestNetwork.TestAgent;
import io.parley.testkit.Await;
import io.parley.testkit.LeakCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A daemon killed with kill -9 while a long-poll client reads its events loses nothing: after
 * the restart the client resumes from its last {@code next} and sees every message exactly
 * once, in order.
 */
@ExtendWith(LeakCheck.class)
class ApiCrashTest {
  private static final int MESSAGES = 150;
  private static final int KILL_AFTER = 40;
  /** Pause between attempts while the daemon restarts. UNIT: nanoseconds. */
  private static final long RETRY_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  @Test
  void killingTheDaemonUnderALongPollClientLosesAndRepeatsNothing(@TempDir Path dir)
      throws Exception {
    try (TestNetwork net = new TestNetwork(dir)) {
      TestAgent bob = net.agent("bob");
      Path aliceDir = net.dataDir("alice");
      AtomicReference<ApiClient> client = new AtomicReference<>();
      ChildDaemon child = ChildDaemon.start(aliceDir, net.relay().address(), "alice", 1);
      try {
        client.set(connectTo(child, aliceDir));
        NewInvitation inv = bob.agent().createInvitation(null).get(30, TimeUnit.SECONDS);
        assertEquals(201, client.get().post("/v1/connections", Map.of("link", inv.link()))
            .status());
        bob.events().await(EventRecorder.is(AgentEvent.CONNECTION_ESTABLISHED,
            inv.connectionId()));

        List<JsonNode> seen = new ArrayList<>();
        CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> poll(client, seen));
        for (int i = 0; i < MESSAGES / 2; i++) {
          bob.agent().sendText(inv.connectionId(), "m" + i, null);
        }
        Await.value("the first messages", () -> count(seen), n -> n >= KILL_AFTER);
        child.kill();
        // The rest wait on the relay while the daemon is down.
        for (int i = MESSAGES / 2; i < MESSAGES; i++) {
          bob.agent().sendText(inv.connectionId(), "m" + i, null);
        }
        child = ChildDaemon.start(aliceDir, net.relay().address(), "alice", 2);
        client.set(connectTo(child, aliceDir));
        reader.get(60, TimeUnit.SECONDS);

        synchronized (seen) {
          assertEquals(MESSAGES, seen.size());
          long lastSeq = 0;
          for (int i = 0; i < MESSAGES; i++) {
            JsonNode e = seen.get(i);
            assertEquals("m" + i, e.get("data").get("text").asText());
            assertTrue(e.get("seq").asLong() > lastSeq, "no event twice");
            lastSeq = e.get("seq").asLong();
          }
        }
      } finally {
        child.close();
      }
    }
  }

  private static ApiClient connectTo(ChildDaemon child, Path dataDir) throws Exception {
    int port = child.port();
    return new ApiClient(port, Files.readString(dataDir.resolve(TokenFile.FILE_NAME)).trim());
  }

  private static int count(List<JsonNode> seen) {
    synchronized (seen) {
      return seen.size();
    }
  }

  /** Long-polls until every message is in, riding out the crash with the same cursor. */
  private static void poll(AtomicReference<ApiClient> client, List<JsonNode> seen) {
    long next = 0;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (count(seen) < MESSAGES && System.nanoTime() < deadline) {
      try {
        JsonNode page = client.get().get("/v1/events?types=message.received&wait=5&after="
            + next).json();
        synchronized (seen) {
          page.get("events").forEach(seen::add);
        }
        next = page.get("next").asLong();
      } catch (Exception e) {
        // The daemon is down (killed): retry with the same cursor, pacing the attempts.
        LockSupport.parkNanos(RETRY_PAUSE_NANOS);
      }
    }
  }
}

package io.parley.agent;

import static io.parley.agent.testing.EventRecorder.is;
import static io.parley.agent.testing.EventRecorder.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.parley.agent.event.AgentEvent;
import io.parley.agent.model.QueuedMessage;
import io.parley.agent.testing.TestNetwork.Pair;
import io.parley.agent.testing.TestNetwork.TestAgent;
import io.parley.agent.testing.TestNetwork;
import io.parley.testkit.Await;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A receiver whose data directory is a real 8 MiB filesystem that fills up while messages
 * arrive: nothing is lost, repeated or falsely skipped, and receiving resumes by itself once
 * space is freed. Needs permission to mount a tmpfs (root or CAP_SYS_ADMIN); skipped otherwise.
 */
class SmallFilesystemTest {
  private static final Duration LONG = Duration.ofSeconds(60);
  private static final String SIZE = "8m";
  /** Room left after filling, so that some messages are stored before the disk is full. */
  private static final int LEFT_FREE_BYTES = 256 * 1024;
  private static final int MESSAGES = 60;
  /** Large texts, so that the WAL must grow past what it already holds. UNIT: bytes. */
  private static final int TEXT_BYTES = 12_000;
  private static final long MOUNT_TIMEOUT_SECONDS = 10;

  @RegisterExtension
  final TestNetwork net = new TestNetwork();
  private Path mounted;

  @AfterEach
  void unmount() throws Exception {
    if (mounted != null) {
      net.stop("bob");
      run("umount", mounted.toString());
    }
  }

  @Test
  void aReceiverWhoseFilesystemFillsLosesNothingAndResumesOnceSpaceIsFreed() throws Exception {
    Path dir = net.dataDir("bob");
    Files.createDirectories(dir);
    String refused = run("mount", "-t", "tmpfs", "-o", "size=" + SIZE + ",mode=0700", "tmpfs",
        dir.toString());
    assumeTrue(refused == null, "cannot mount a small tmpfs on this machine (needs root or "
        + "CAP_SYS_ADMIN): " + refused);
    mounted = dir;
    TestAgent alice = net.agent("alice");
    TestAgent bob = net.agent("bob");
    Pair p = net.connect(alice, bob);

    Path filler = dir.resolve("filler");
    fill(filler);
    try (FileChannel ch = FileChannel.open(filler, StandardOpenOption.WRITE)) {
      ch.truncate(Math.max(0, ch.size() - LEFT_FREE_BYTES));
    }
    List<CompletableFuture<QueuedMessage>> sent = new ArrayList<>();
    for (int i = 0; i < MESSAGES; i++) {
      sent.add(alice.agent().sendText(p.inviterConnection(), text(i), null));
    }
    CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new))
        .get(TestNetwork.WAIT_SECONDS, TimeUnit.SECONDS);
    Await.until("bob's store reports the full disk", LONG,
        () -> !bob.agent().health().storeWorks());
    int deliveredWhileFull = alice.events().matching(
        status(p.inviterConnection(), "delivered")).size();
    int storedWhileFull = bob.events().matching(
        is(AgentEvent.MESSAGE_RECEIVED, p.joinerConnection())).size();

    Files.delete(filler);

    List<AgentEvent> got = bob.events().awaitCount(
        is(AgentEvent.MESSAGE_RECEIVED, p.joinerConnection()), MESSAGES, LONG);
    alice.events().awaitCount(status(p.inviterConnection(), "delivered"), MESSAGES, LONG);
    got = bob.events().matching(is(AgentEvent.MESSAGE_RECEIVED, p.joinerConnection()));
    assertEquals(MESSAGES, got.size(), "each message once");
    for (int i = 0; i < MESSAGES; i++) {
      assertEquals(text(i), got.get(i).data().get("text"), "message " + i);
      assertEquals("ok", ((Map<?, ?>) got.get(i).data().get("integrity")).get("kind"),
          "integrity of message " + i);
    }
    assertEquals(true, deliveredWhileFull <= storedWhileFull + 1,
        deliveredWhileFull + " shown delivered while bob had stored " + storedWhileFull);
    Await.until("bob's health recovers", LONG, () -> bob.agent().health().ready());
  }

  private static String text(int i) {
    String head = "m" + i + " ";
    return head + "x".repeat(TEXT_BYTES - head.length());
  }

  /** Writes {@code f} until the filesystem has no space left. */
  private static void fill(Path f) throws IOException {
    byte[] block = new byte[64 * 1024];
    try (OutputStream out = Files.newOutputStream(f)) {
      while (true) {
        out.write(block);
      }
    } catch (IOException e) {
      if (!String.valueOf(e.getMessage()).contains("No space left")) {
        throw e;
      }
    }
  }

  /** Runs a command; null if it succeeded, else what it said. */
  private static String run(String... command) throws Exception {
    Process proc;
    try {
      proc = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      return e.getMessage();
    }
    if (!proc.waitFor(MOUNT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      proc.destroyForcibly();
      return "timed out";
    }
    String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    return proc.exitValue() == 0 ? null : "exit " + proc.exitValue() + ": " + out;
  }
}

package io.parley.daemon.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.daemon.cli.ExitCode;
import io.parley.daemon.cli.Launcher;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@code DaemonMain} as its own JVM, as an operator or a service manager would. */
class DaemonProcessTest {
  /** A cold JVM plus relay and agent start on a busy 2-core machine. UNIT: seconds. */
  private static final long READY_DEADLINE_SECONDS = 60;
  private static final long EXIT_DEADLINE_SECONDS = 30;
  private static final String END_OF_OUTPUT = "\u0000eof";

  @TempDir Path dir;

  /** A child JVM with the test's class path; stderr goes to a file for failure messages. */
  private Process launch(Path data, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        "io.parley.daemon.DaemonMain", "--data", data.toString(), "--api-port", "0"));
    command.addAll(List.of(args));
    return new ProcessBuilder(command)
        .redirectError(dir.resolve("stderr-" + System.nanoTime() + ".txt").toFile())
        .start();
  }

  /** Every stdout line, then {@link #END_OF_OUTPUT}, read on a background thread. */
  private static BlockingQueue<String> lines(Process p) {
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(
          new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          lines.add(line);
        }
      } catch (IOException e) {
        lines.add("read failed: " + e);
      } finally {
        lines.add(END_OF_OUTPUT);
      }
    }, "daemon-stdout");
    reader.setDaemon(true);
    reader.start();
    return lines;
  }

  /** Lines up to and including {@code wanted}; fails at end of output or the deadline. */
  private static List<String> readUntil(BlockingQueue<String> lines, String wanted,
      long deadlineSeconds) throws InterruptedException {
    List<String> seen = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(deadlineSeconds);
    while (true) {
      String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (line == null || line.equals(END_OF_OUTPUT)) {
        throw new AssertionError("no \"" + wanted + "\" line; output was " + seen);
      }
      seen.add(line);
      if (line.equals(wanted)) {
        return seen;
      }
    }
  }

  /** Starts the daemon, waits for ready, sends SIGTERM; returns the relay line it printed. */
  private String startAndTerminate(Path data) throws Exception {
    Process p = launch(data);
    try {
      BlockingQueue<String> lines = lines(p);
      List<String> startup = readUntil(lines, Launcher.READY_LINE, READY_DEADLINE_SECONDS);
      List<String> relays = startup.stream()
          .filter(l -> l.startsWith(Launcher.RELAY_LINE)).toList();
      assertEquals(1, relays.size(), startup.toString());
      assertApiAnswers(startup, data);
      // SIGTERM through the handle: Process.destroy() would also close our end of stdout.
      assertTrue(p.toHandle().destroy(), "SIGTERM sent");
      assertTrue(p.waitFor(EXIT_DEADLINE_SECONDS, TimeUnit.SECONDS), "exited after SIGTERM");
      assertEquals(ExitCode.OK.status(), p.exitValue(), "clean exit status");
      readUntil(lines, Launcher.PREFIX + "stopped", EXIT_DEADLINE_SECONDS);
      return relays.get(0);
    } finally {
      p.destroyForcibly();
    }
  }

  /** The printed API URL serves health without a token, and the token file is private. */
  private static void assertApiAnswers(List<String> startup, Path data) throws Exception {
    String url = startup.stream().filter(l -> l.startsWith(Launcher.API_LINE))
        .map(l -> l.substring(Launcher.API_LINE.length())).findFirst()
        .orElseThrow(() -> new AssertionError("no API line in " + startup));
    HttpResponse<String> health = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(url + "/v1/health")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, health.statusCode(), health.body());
    assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
        Files.getPosixFilePermissions(data.resolve("api.token")));
    String token = Files.readString(data.resolve("api.token")).strip();
    assertTrue(startup.stream().noneMatch(l -> l.contains(token)), "token never printed");
  }

  @Test
  void sigtermStopsTheDaemonCleanlyAndARestartReusesTheRelayIdentityAndAddress()
      throws Exception {
    Path data = dir.resolve("data");
    String first = startAndTerminate(data);
    assertTrue(Files.isDirectory(data.resolve("relay/identity")));
    String second = startAndTerminate(data);
    assertEquals(first, second, "same relay key hash and port after a restart");
  }

  @Test
  void aBadFlagMakesTheProcessExitWithTheUsageStatus() throws Exception {
    Process p = launch(dir.resolve("data"), "--relay-port", "not-a-port");
    try {
      assertTrue(p.waitFor(EXIT_DEADLINE_SECONDS, TimeUnit.SECONDS));
      assertEquals(ExitCode.USAGE.status(), p.exitValue());
    } finally {
      p.destroyForcibly();
    }
  }
}

package io.parley.daemon.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.daemon.cli.ExitCode;
import io.parley.daemon.cli.Launcher;
import io.parley.launch.Version;
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
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
    List<String> all = new ArrayList<>(List.of("--data", data.toString(), "--api-port", "0"));
    all.addAll(List.of(args));
    return launch(Map.of(), dir.resolve("stderr-" + System.nanoTime() + ".txt"), all);
  }

  /** A child JVM with {@code args} alone and {@code environment} added to this one's. */
  private static Process launch(Map<String, String> environment, Path stderr, List<String> args)
      throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "io.parley.daemon.DaemonMain"));
    command.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(command).redirectError(stderr.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("PARLEY_") || k.startsWith("XDG_"));
    pb.environment().putAll(environment);
    return pb.start();
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
    HttpResponse<String> info = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(url + "/v1/info"))
            .header("Authorization", "Bearer " + token).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(Version.current(),
        new ObjectMapper().readTree(info.body()).get("version").asText(), info.body());
  }

  /** Every file under {@code root} is 0600 and every directory 0700. */
  private static void assertOwnerOnly(Path root) throws IOException {
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.toList()) {
        String expected = Files.isDirectory(p) ? "rwx------" : "rw-------";
        assertEquals(expected,
            PosixFilePermissions.toString(Files.getPosixFilePermissions(p)), p.toString());
      }
    }
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
  void withoutFlagsTheDataIsUnderXdgDataHomeOwnerOnlyAndJsonLogLinesParseWithoutBanners()
      throws Exception {
    Path xdg = dir.resolve("xdg");
    Path stderr = dir.resolve("stderr-json.txt");
    Process p = launch(Map.of("XDG_DATA_HOME", xdg.toString(), "PARLEY_API_PORT", "0",
        "PARLEY_LOG_FORMAT", "json"), stderr, List.of());
    Path data = xdg.resolve("parley");
    try {
      BlockingQueue<String> lines = lines(p);
      List<String> startup = readUntil(lines, Launcher.READY_LINE, READY_DEADLINE_SECONDS);
      assertTrue(startup.contains(Launcher.PREFIX + "data directory " + data), startup.toString());
      assertApiAnswers(startup, data);
      assertTrue(p.toHandle().destroy(), "SIGTERM sent");
      assertTrue(p.waitFor(EXIT_DEADLINE_SECONDS, TimeUnit.SECONDS), "exited after SIGTERM");
      assertEquals(ExitCode.OK.status(), p.exitValue());
    } finally {
      p.destroyForcibly();
    }
    assertOwnerOnly(xdg);
    String token = Files.readString(data.resolve("api.token")).strip();
    List<String> logLines = Files.readAllLines(stderr);
    assertTrue(logLines.stream().anyMatch(l -> l.contains("embedded relay's identity")),
        "the daemon logged its start: " + logLines);
    ObjectMapper json = new ObjectMapper();
    for (String line : logLines) {
      JsonNode record = json.readTree(line);
      for (String field : List.of("time", "level", "logger", "message")) {
        assertTrue(record.hasNonNull(field), field + " in " + line);
      }
      String logger = record.get("logger").asText();
      assertFalse(logger.startsWith("org.xnio") || logger.startsWith("org.jboss")
          || logger.startsWith("io.undertow") || logger.startsWith("org.quartz"),
          "no library banner at INFO: " + line);
      assertFalse(line.contains(token), "no token in the log");
    }
  }

  @Test
  void versionAndHelpExitZeroWithoutStartingAnything() throws Exception {
    for (String flag : List.of("--version", "--help")) {
      Process p = launch(Map.of(), dir.resolve("stderr-" + flag + ".txt"), List.of(flag));
      try {
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(EXIT_DEADLINE_SECONDS, TimeUnit.SECONDS));
        assertEquals(ExitCode.OK.status(), p.exitValue(), flag);
        assertTrue(flag.equals("--version") ? out.strip().equals("parleyd " + Version.current())
            : out.startsWith("Usage: parleyd"), out);
      } finally {
        p.destroyForcibly();
      }
    }
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

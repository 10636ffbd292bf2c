package io.parley.agent.testing;

import io.parley.agent.internal.handshake.RotationHolds;
import io.parley.protocol.transport.RelayAddress;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@link AgentProcess} in a child JVM on this test's class path and follows its output.
 * The parent can kill it without warning ({@link #kill}), the way a crash or {@code kill -9}
 * would. Thread-safe.
 */
public final class ChildAgent implements AutoCloseable {
  private final Process process;
  private final Writer stdin;
  private final List<String> lines = new ArrayList<>();

  private ChildAgent(Process process) {
    this.process = process;
    this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    Thread reader = new Thread(this::readOutput, "child-agent-output");
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts the child on {@code dataDir}; its log goes to {@code dataDir/../<name>.log}. */
  public static ChildAgent start(Path dataDir, RelayAddress relay, String name)
      throws IOException {
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"),
        AgentProcess.class.getName(), dataDir.toString(), relay.toString(), name);
    Files.createDirectories(dataDir.getParent());
    pb.redirectError(dataDir.resolveSibling(name + ".log").toFile());
    return new ChildAgent(pb.start());
  }

  /** Starts the child on several relays (its redundancy is the default). */
  public static ChildAgent start(Path dataDir, List<RelayAddress> relays, String name)
      throws IOException {
    return start(dataDir, relays, name, List.of());
  }

  /**
   * Starts the child on several relays, holding the first thread that reaches {@code hold} (a
   * rotation step; it prints {@code HELD <step>}).
   */
  public static ChildAgent startHolding(Path dataDir, List<RelayAddress> relays, String name,
      RotationHolds.Step hold) throws IOException {
    return start(dataDir, relays, name, List.of(hold.name()));
  }

  private static ChildAgent start(Path dataDir, List<RelayAddress> relays, String name,
      List<String> extra) throws IOException {
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String joined = String.join(",", relays.stream().map(RelayAddress::toString).toList());
    List<String> command = new ArrayList<>(List.of(javaBin, "-cp",
        System.getProperty("java.class.path"), AgentProcess.class.getName(), dataDir.toString(),
        joined, name));
    command.addAll(extra);
    ProcessBuilder pb = new ProcessBuilder(command);
    Files.createDirectories(dataDir.getParent());
    pb.redirectError(dataDir.resolveSibling(name + ".log").toFile());
    return new ChildAgent(pb.start());
  }

  /** Sends {@code line} until an answer starting with {@code prefix} satisfies {@code ok}. */
  public String poll(String line, String prefix, java.util.function.Predicate<String> ok,
      Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    int n;
    synchronized (this) {
      n = (int) lines.stream().filter(l -> l.startsWith(prefix)).count();
    }
    while (true) {
      send(line);
      n++;
      String answer = await(prefix, n, timeout);
      if (ok.test(answer)) {
        return answer;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("child agent: '" + line + "' never answered as wanted: "
            + answer);
      }
      synchronized (this) {
        wait(50);
      }
    }
  }

  private void readOutput() {
    try (BufferedReader r = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        synchronized (this) {
          lines.add(line);
          notifyAll();
        }
      }
    } catch (IOException e) {
      // The child died; waiting callers time out with what was seen.
    }
  }

  /** Sends one command line. */
  public void send(String line) throws IOException {
    stdin.write(line + "\n");
    stdin.flush();
  }

  /** Waits for the {@code n}th output line starting with {@code prefix} and returns it. */
  public synchronized String await(String prefix, int n, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<String> found = lines.stream().filter(l -> l.startsWith(prefix)).toList();
      if (found.size() >= n) {
        return found.get(n - 1);
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("child agent: no " + n + " lines '" + prefix + "' (saw "
            + found.size() + "; alive=" + process.isAlive() + ")");
      }
      wait(Math.max(1, left / 1_000_000));
    }
  }

  /** Kills the child at once (no shutdown hooks, no graceful close) and waits for it. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** Asks the child to close its agent and exit; returns its exit code. */
  public int quit() throws IOException, InterruptedException {
    send("QUIT");
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("child agent did not exit");
    }
    return process.exitValue();
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      try {
        kill();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}

package io.parley.relay.testing;

import io.parley.protocol.transport.InvalidRelayAddressException;
import io.parley.protocol.transport.RelayAddress;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code RelayMain start} in a child JVM (same java binary and class path as the test), for
 * tests that kill the relay for real. Its log (stderr) goes to a file in the data directory.
 */
public final class RelayProcess implements AutoCloseable {
  private final Process process;
  private final BufferedReader stdout;
  private final RelayAddress address;
  private final Path stderrLog;

  private RelayProcess(
      Process process, BufferedReader stdout, RelayAddress address, Path stderrLog) {
    this.process = process;
    this.stdout = stdout;
    this.address = address;
    this.stderrLog = stderrLog;
  }

  /** What a relay printed after SIGTERM, and how it exited. */
  public record Termination(int exitCode, String stdout) {}

  /** How a relay process that was expected not to start ended. */
  public record Refusal(int exitCode, String stderr) {}

  private static List<String> command(Path dir, String... extraArgs) {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> cmd = new java.util.ArrayList<>(List.of(java, "-Xmx256m", "-cp",
        System.getProperty("java.class.path"), "io.parley.relay.RelayMain", "start", "--dir",
        dir.toString()));
    cmd.addAll(List.of(extraArgs));
    return cmd;
  }

  /** Starts the relay in {@code dir} and waits for the address it prints once listening. */
  public static RelayProcess start(Path dir, String... extraArgs) throws IOException {
    Path stderrLog = dir.resolve("relay-stderr.log");
    Process p = new ProcessBuilder(command(dir, extraArgs))
        .redirectError(stderrLog.toFile())
        .start();
    BufferedReader out = new BufferedReader(
        new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine(); // blocks until the relay listens, or EOF if it failed
    if (line == null) {
      p.destroyForcibly();
      throw new IOException("relay process printed no address; exit " + waitQuietly(p));
    }
    try {
      return new RelayProcess(p, out, RelayAddress.parse(line.trim()), stderrLog);
    } catch (InvalidRelayAddressException e) {
      p.destroyForcibly();
      throw new IOException("relay process printed '" + line + "'", e);
    }
  }

  /**
   * Runs {@code start} in {@code dir} expecting it to exit by itself within 30 s, and returns
   * its exit code and stderr.
   *
   * @throws IllegalStateException if it is still running then (it started after all)
   */
  public static Refusal startExpectingRefusal(Path dir, String... extraArgs)
      throws IOException, InterruptedException {
    Path log = Files.createTempFile(dir, "refused-relay", ".log");
    Process p = new ProcessBuilder(command(dir, extraArgs))
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(log.toFile())
        .start();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      p.waitFor(30, TimeUnit.SECONDS);
      throw new IllegalStateException("the relay process did not exit: it started");
    }
    return new Refusal(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }

  private static int waitQuietly(Process p) {
    try {
      return p.waitFor(10, TimeUnit.SECONDS) ? p.exitValue() : -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  public RelayAddress address() {
    return address;
  }

  /** kill -9: no shutdown hook, no flush. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** Its log so far (java.util.logging writes to stderr). */
  public String log() throws IOException {
    return Files.readString(stderrLog, StandardCharsets.UTF_8);
  }

  /** SIGTERM, which closes the relay gracefully; returns what it printed after. */
  public String terminate() throws InterruptedException, IOException {
    return terminateWithStatus().stdout();
  }

  /** SIGTERM; returns what the relay printed after, and its exit status. */
  public Termination terminateWithStatus() throws InterruptedException, IOException {
    process.toHandle().destroy(); // unlike Process.destroy, leaves stdout readable
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("relay did not exit within 30 s of SIGTERM");
    }
    StringBuilder rest = new StringBuilder();
    for (String line = stdout.readLine(); line != null; line = stdout.readLine()) {
      rest.append(line).append('\n');
    }
    return new Termination(process.exitValue(), rest.toString());
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}

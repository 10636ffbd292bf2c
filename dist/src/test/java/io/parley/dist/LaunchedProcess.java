package io.parley.dist;

import io.parley.testkit.Await;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A command of the unpacked archive running as a child process: its standard output is
 * collected line by line as it comes, its standard error goes to a file. Closing it kills
 * what is still running.
 */
final class LaunchedProcess implements AutoCloseable {
  /** Longest a process may take to exit after SIGTERM. UNIT: seconds. */
  static final long STOP_TIMEOUT_SECONDS = 30;

  private final Process process;
  private final List<String> stdout = new CopyOnWriteArrayList<>();
  private final Thread reader;
  private final Path stderr;

  private LaunchedProcess(Process process, Path stderr) {
    this.process = process;
    this.stderr = stderr;
    this.reader = new Thread(this::readStdout, "stdout of " + process.pid());
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts {@code command} with {@code environment} added to this JVM's. */
  static LaunchedProcess start(List<String> command, Map<String, String> environment,
      Path stderr) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile());
    builder.environment().putAll(environment);
    return new LaunchedProcess(builder.start(), stderr);
  }

  private void readStdout() {
    try (BufferedReader in = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        stdout.add(line);
      }
    } catch (IOException e) {
      // the process went away; what it printed is kept
    }
  }

  /** The first line printed that {@code matches}, waiting for it up to {@code timeout}. */
  String awaitLine(String what, Duration timeout, Predicate<String> matches) {
    Optional<String> line = Await.value(what + " (stdout so far: " + stdout + ")", timeout,
        () -> {
          Optional<String> found = stdout.stream().filter(matches).findFirst();
          if (found.isEmpty() && !process.isAlive()) {
            throw new IllegalStateException("exited " + process.exitValue() + ": " + stderr());
          }
          return found;
        }, Optional::isPresent);
    return line.orElseThrow();
  }

  /** SIGTERM, then its exit status once it has exited. */
  int terminate() throws InterruptedException {
    process.toHandle().destroy(); // unlike Process.destroy, leaves its stdout readable
    if (!process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      throw new IllegalStateException("still running " + STOP_TIMEOUT_SECONDS
          + " s after SIGTERM");
    }
    reader.join(TimeUnit.SECONDS.toMillis(STOP_TIMEOUT_SECONDS));
    return process.exitValue();
  }

  List<String> stdout() {
    return List.copyOf(stdout);
  }

  String stderr() {
    try {
      return Files.readString(stderr, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(stderr unreadable: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroyForcibly();
      process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
  }
}

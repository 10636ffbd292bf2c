package io.parley.daemon.api;

import io.parley.protocol.transport.RelayAddress;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs {@link ApiDaemonProcess} in a child JVM and learns its API port. */
final class ChildDaemon implements AutoCloseable {
  private final Process process;
  private final CompletableFuture<Integer> port = new CompletableFuture<>();

  private ChildDaemon(Process process) {
    this.process = process;
    Thread reader = new Thread(this::read, "child-daemon-output");
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts the child; its log goes to {@code <dataDir>/../<name>-<n>.log}. */
  static ChildDaemon start(Path dataDir, RelayAddress relay, String name, int run)
      throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        ApiDaemonProcess.class.getName(), dataDir.toString(), relay.toString(), name);
    Files.createDirectories(dataDir.getParent());
    pb.redirectError(dataDir.resolveSibling(name + "-" + run + ".log").toFile());
    return new ChildDaemon(pb.start());
  }

  private void read() {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.startsWith("API ")) {
          port.complete(Integer.parseInt(line.substring(4).trim()));
        }
      }
    } catch (IOException e) {
      // The child died; port() times out if it never got that far.
    }
    port.completeExceptionally(new IOException("the child daemon exited"));
  }

  /** The API port, once the child serves. */
  int port() throws Exception {
    return port.get(60, TimeUnit.SECONDS);
  }

  /** kill -9: no shutdown hooks, nothing flushed. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}

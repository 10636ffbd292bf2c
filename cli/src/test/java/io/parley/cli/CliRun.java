package io.parley.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/** Runs {@code parley} in this JVM with captured streams, as a shell would. */
final class CliRun {
  /** What one run printed and returned. */
  record Result(int status, String out, String err) {}

  private CliRun() {}

  static Result run(Map<String, String> env, Path home, String... args) {
    return run(env, home, new ByteArrayInputStream(new byte[0]), () -> {
      throw new AssertionError("no terminal in this test");
    }, new CountDownLatch(1), args);
  }

  static Result run(Map<String, String> env, Path home, InputStream in, Terminals terminals,
      CountDownLatch stop, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Parley.run(args, new Parley.Io(env, home, in,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), terminals, stop));
    return new Result(status, out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8));
  }
}

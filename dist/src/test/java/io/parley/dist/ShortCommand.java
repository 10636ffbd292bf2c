package io.parley.dist;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A command expected to finish by itself: run to completion within a time limit. */
record ShortCommand(int exitCode, String stdout, String stderr) {

  /**
   * Runs {@code command} in {@code workDir} with exactly {@code environment}, capturing its
   * output in files under {@code workDir}.
   *
   * @throws IllegalStateException if it has not exited within {@code timeout}
   */
  static ShortCommand run(List<String> command, Map<String, String> environment, Path workDir,
      Duration timeout) throws IOException, InterruptedException {
    Path out = Files.createTempFile(workDir, "stdout", ".txt");
    Path err = Files.createTempFile(workDir, "stderr", ".txt");
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().clear();
    builder.environment().putAll(environment);
    Process process = builder.start();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      throw new IllegalStateException(command + " did not exit within " + timeout);
    }
    return new ShortCommand(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}

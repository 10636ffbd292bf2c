package io.parley.dist;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The distribution archive the build made, unpacked with tar as a user would. */
final class Archive {
  /** Longest an unpack may take. UNIT: seconds. */
  private static final long UNPACK_TIMEOUT_SECONDS = 60;

  private Archive() {}

  /** The archive's path, set by the dist pom for the tests. */
  static Path file() {
    return Path.of(requiredProperty("parley.dist.archive"));
  }

  /**
   * Unpacks the archive into {@code dir} and returns its top directory (parley-VERSION).
   *
   * @throws IOException if tar fails or the top directory is not there
   */
  static Path unpack(Path dir) throws IOException, InterruptedException {
    Path file = file();
    if (!Files.isRegularFile(file)) {
      throw new IOException("no archive at " + file + ": run the dist module's package phase");
    }
    Process tar = new ProcessBuilder(List.of("tar", "-xzf", file.toString(), "-C",
        dir.toString())).redirectErrorStream(true).start();
    if (!tar.waitFor(UNPACK_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      tar.destroyForcibly();
      throw new IOException("tar did not finish within " + UNPACK_TIMEOUT_SECONDS + " s");
    }
    String output = new String(tar.getInputStream().readAllBytes());
    if (tar.exitValue() != 0) {
      throw new IOException("tar exited " + tar.exitValue() + ": " + output);
    }
    Path top = dir.resolve(requiredProperty("parley.dist.name"));
    if (!Files.isDirectory(top)) {
      throw new IOException("the archive has no top directory " + top.getFileName());
    }
    return top;
  }

  private static String requiredProperty(String name) {
    String value = System.getProperty(name);
    if (value == null) {
      throw new IllegalStateException(name + " is not set: run the tests through the dist pom");
    }
    return value;
  }
}

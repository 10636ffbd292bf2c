package io.parley.launch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The build's version, as Maven filtered it into {@code version.properties} of this jar. Every
 * entry point answers {@code --version} with it, the daemon reports it in {@code /v1/info} and
 * the relay in its startup line. Stateless; thread-safe.
 */
public final class Version {
  /** What {@link #current()} answers when the classes did not come from a Maven build. */
  public static final String UNKNOWN = "dev";
  private static final String RESOURCE = "version.properties";
  private static final String CURRENT = load();

  private Version() {}

  /** The version this jar was built as, e.g. {@code 0.1.0-SNAPSHOT}. */
  public static String current() {
    return CURRENT;
  }

  private static String load() {
    try (InputStream in = Version.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        return UNKNOWN;
      }
      Properties p = new Properties();
      p.load(in);
      String v = p.getProperty("version", "").strip();
      // An unfiltered copy (an IDE compiling the sources itself) still holds the placeholder.
      return v.isEmpty() || v.startsWith("${") ? UNKNOWN : v;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE + " from the classpath", e);
    }
  }
}

package io.parley.daemon.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the daemon keeps its data when {@code --data} (or {@code PARLEY_DATA}, or nothing else)
 * names no directory: {@code $XDG_DATA_HOME/parley}, else {@code ~/.local/share/parley}, as the
 * XDG base directory specification places per-user data. A relative or empty
 * {@code XDG_DATA_HOME} is ignored, as the specification requires. Stateless.
 */
public final class DataDirectory {
  /** Directory name under the XDG data home. */
  public static final String NAME = "parley";
  /** The variable naming the user's data home. */
  public static final String XDG_DATA_HOME = "XDG_DATA_HOME";

  private DataDirectory() {}

  /** {@code chosen} if not null, else the XDG default for {@code environment} and {@code home}. */
  public static Path resolve(Path chosen, Map<String, String> environment, Path home) {
    if (chosen != null) {
      return chosen;
    }
    String xdg = environment.get(XDG_DATA_HOME);
    if (xdg != null && !xdg.isEmpty()) {
      try {
        Path base = Path.of(xdg);
        if (base.isAbsolute()) {
          return base.resolve(NAME);
        }
      } catch (InvalidPathException e) {
        // Ignored like a relative value: the fallback below applies.
      }
    }
    return home.resolve(".local").resolve("share").resolve(NAME);
  }

  /** The user's home directory, as the JVM knows it. */
  public static Path userHome() {
    return Path.of(System.getProperty("user.home"));
  }
}

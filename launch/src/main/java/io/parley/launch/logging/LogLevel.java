package io.parley.launch.logging;

import java.util.logging.Level;

/**
 * The levels {@code --log-level} accepts, as {@code System.Logger} names them, and the
 * java.util.logging level each one enables.
 */
public enum LogLevel {
  ERROR(Level.SEVERE),
  WARN(Level.WARNING),
  INFO(Level.INFO),
  DEBUG(Level.FINE),
  TRACE(Level.FINEST);

  private final Level julLevel;

  LogLevel(Level julLevel) {
    this.julLevel = julLevel;
  }

  /** The java.util.logging level. */
  public Level julLevel() {
    return julLevel;
  }

  /** The name this format writes for a java.util.logging level. */
  static String nameOf(Level level) {
    int v = level.intValue();
    if (v >= Level.SEVERE.intValue()) {
      return ERROR.name();
    } else if (v >= Level.WARNING.intValue()) {
      return WARN.name();
    } else if (v >= Level.INFO.intValue()) {
      return INFO.name();
    } else if (v >= Level.FINE.intValue()) {
      return DEBUG.name();
    }
    return TRACE.name();
  }
}

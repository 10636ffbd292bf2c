package io.parley.bots.notifier.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Records what the notifier logs at INFO and above while open, so tests can check both that a
 * line was logged and that no secret was. Thread-safe; close to detach.
 */
public final class LogCapture extends Handler implements AutoCloseable {
  private static final String NOTIFIER_LOGGERS = "io.parley.bots.notifier";
  private final Logger logger = Logger.getLogger(NOTIFIER_LOGGERS);
  private final Level before;
  private final List<String> lines = new ArrayList<>();

  public LogCapture() {
    before = logger.getLevel();
    logger.setLevel(Level.INFO);
    setLevel(Level.INFO);
    logger.addHandler(this);
  }

  @Override
  public synchronized void publish(LogRecord r) {
    String msg = r.getMessage();
    if (r.getThrown() != null) {
      msg = msg + " " + r.getThrown();
    }
    lines.add(r.getLevel() + " " + msg);
  }

  /** Everything logged so far. */
  public synchronized List<String> lines() {
    return List.copyOf(lines);
  }

  /** Whether some line contains {@code text}. */
  public boolean contains(String text) {
    return lines().stream().anyMatch(l -> l.contains(text));
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    logger.removeHandler(this);
    logger.setLevel(before);
  }
}

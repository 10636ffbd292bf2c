package io.parley.launch.logging;

import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/** What both formats take from a record. Stateless. */
final class Records {
  /** Causes followed at most, so a cyclic or absurd chain cannot make a line unbounded. */
  static final int MAX_CAUSES = 8;

  private Records() {}

  /** The record's message with its parameters filled in. */
  static String message(Formatter formatter, LogRecord record) {
    String m = formatter.formatMessage(record);
    return m == null ? "" : m;
  }

  /** The thrown exception and its causes on one line: {@code Type: message <- Cause: message}. */
  static String error(Throwable thrown) {
    StringBuilder sb = new StringBuilder();
    Throwable t = thrown;
    for (int i = 0; t != null && i < MAX_CAUSES; i++, t = t.getCause()) {
      if (i > 0) {
        sb.append(" <- ");
      }
      sb.append(t.getClass().getName());
      if (t.getMessage() != null) {
        sb.append(": ").append(t.getMessage());
      }
    }
    return sb.toString();
  }
}

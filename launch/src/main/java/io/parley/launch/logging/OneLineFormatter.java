package io.parley.launch.logging;

import java.time.Instant;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * {@code 2026-12-07T23:59:01.123Z INFO io.parley.relay.Relay: message [error: Type: text]}:
 * one line per record, whatever the message holds (line breaks are written as {@code \n}), so
 * a log is read and grepped line by line and a value cannot forge a record. A stack trace is
 * not printed; the error and its causes are, on the same line. Thread-safe.
 */
public final class OneLineFormatter extends Formatter {
  @Override
  public String format(LogRecord record) {
    StringBuilder sb = new StringBuilder(128);
    sb.append(Instant.ofEpochMilli(record.getMillis())).append(' ')
        .append(LogLevel.nameOf(record.getLevel())).append(' ')
        .append(record.getLoggerName()).append(": ")
        .append(Records.message(this, record));
    if (record.getThrown() != null) {
      sb.append(" [error: ").append(Records.error(record.getThrown())).append(']');
    }
    return oneLine(sb) + System.lineSeparator();
  }

  private static String oneLine(CharSequence s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}

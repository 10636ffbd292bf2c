package io.parley.launch.logging;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * One JSON object per line, for log collectors:
 * {@code {"time":"2026-12-07T23:59:01.123Z","level":"INFO","logger":"...","thread":"...",
 * "message":"..."}}, plus {@code "error"} (the exception and its causes) and {@code "stack"}
 * (its stack trace as one string) when the record has one. Thread-safe.
 */
public final class JsonLineFormatter extends Formatter {
  @Override
  public String format(LogRecord record) {
    StringBuilder sb = new StringBuilder(192);
    sb.append("{\"time\":");
    string(sb, Instant.ofEpochMilli(record.getMillis()).toString());
    sb.append(",\"level\":");
    string(sb, LogLevel.nameOf(record.getLevel()));
    sb.append(",\"logger\":");
    string(sb, record.getLoggerName());
    sb.append(",\"thread\":");
    string(sb, Thread.currentThread().getName());
    sb.append(",\"message\":");
    string(sb, Records.message(this, record));
    if (record.getThrown() != null) {
      sb.append(",\"error\":");
      string(sb, Records.error(record.getThrown()));
      StringWriter stack = new StringWriter();
      record.getThrown().printStackTrace(new PrintWriter(stack));
      sb.append(",\"stack\":");
      string(sb, stack.toString());
    }
    return sb.append('}').append(System.lineSeparator()).toString();
  }

  /** Appends {@code s} as a JSON string (RFC 8259 escapes; null as {@code null}). */
  static void string(StringBuilder sb, String s) {
    if (s == null) {
      sb.append("null");
      return;
    }
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x2028 || c == 0x2029) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}

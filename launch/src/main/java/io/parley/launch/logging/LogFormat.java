package io.parley.launch.logging;

import java.util.logging.Formatter;

/** How log records are written: {@code --log-format text|json}. */
public enum LogFormat {
  /** {@code 2026-12-07T23:59:01.123Z INFO logger: message}, one line per record. */
  TEXT,
  /** One JSON object per line: time, level, logger, thread, message, and error if any. */
  JSON;

  /** A formatter writing this format. */
  public Formatter formatter() {
    return this == JSON ? new JsonLineFormatter() : new OneLineFormatter();
  }
}

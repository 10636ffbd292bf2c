package io.parley.launch.logging;

import picocli.CommandLine.Option;

/**
 * {@code --log-format} and {@code --log-level}, mixed into every entry point's command
 * ({@code @Mixin LogOptions logs}). Set by picocli.
 */
public final class LogOptions {
  @Option(names = "--log-format", paramLabel = "text|json", defaultValue = "text",
      description = "log records as one line of text or one JSON object per line"
          + " (default: ${DEFAULT-VALUE})")
  LogFormat format;

  @Option(names = "--log-level", paramLabel = "LEVEL", defaultValue = "info",
      description = "least severe records logged: error, warn, info, debug, trace"
          + " (default: ${DEFAULT-VALUE})")
  LogLevel level;

  /** The chosen format. */
  public LogFormat format() {
    return format;
  }

  /** The chosen level. */
  public LogLevel level() {
    return level;
  }

  /** Configures logging as chosen ({@link LogSetup#apply}). */
  public void apply() {
    LogSetup.apply(format, level);
  }
}

package io.parley.bots.notifier.format;

import java.util.Map;

/**
 * Orders the severity words sources use, so a group's headline shows its worst one. Unknown
 * words rank below every known word. Stateless.
 */
final class Severities {
  private static final Map<String, Integer> RANK = Map.ofEntries(
      Map.entry("emergency", 6), Map.entry("fatal", 6), Map.entry("page", 6),
      Map.entry("critical", 5), Map.entry("urgent", 5), Map.entry("high", 4),
      Map.entry("error", 4), Map.entry("major", 4), Map.entry("warning", 3),
      Map.entry("warn", 3), Map.entry("minor", 3), Map.entry("medium", 3),
      Map.entry("info", 2), Map.entry("notice", 2), Map.entry("low", 2), Map.entry("min", 1),
      Map.entry("none", 1));

  private Severities() {}

  /** A number that is larger for a worse severity; 0 for null or unknown words. */
  static int rank(String severity) {
    return severity == null ? -1 : RANK.getOrDefault(severity, 0);
  }
}

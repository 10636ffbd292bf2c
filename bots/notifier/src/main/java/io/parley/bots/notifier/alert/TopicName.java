package io.parley.bots.notifier.alert;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Topic names as subscribers type them and alert sources put them in URLs: 1 to
 * {@value #MAX_CHARS} ASCII letters, digits, '.', '_' or '-', starting with a letter or digit.
 * Names are case-insensitive and kept in lower case, so "Prod" and "prod" are one topic.
 * Stateless.
 */
public final class TopicName {
  /** Longest topic name. UNIT: characters. */
  public static final int MAX_CHARS = 64;
  /** The rule in words, for error messages and replies. */
  public static final String RULE = "1-" + MAX_CHARS
      + " letters, digits, '.', '_' or '-', starting with a letter or digit";
  private static final Pattern VALID =
      Pattern.compile("[a-z0-9][a-z0-9._-]{0," + (MAX_CHARS - 1) + "}");

  private TopicName() {}

  /** The canonical (lower-case) name, or empty when {@code raw} breaks {@link #RULE}. */
  public static Optional<String> parse(String raw) {
    if (raw == null || raw.length() > MAX_CHARS) {
      return Optional.empty();
    }
    String lower = raw.toLowerCase(Locale.ROOT);
    return VALID.matcher(lower).matches() ? Optional.of(lower) : Optional.empty();
  }
}

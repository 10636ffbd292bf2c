package io.parley.bots.notifier.format;

import java.util.Objects;

/**
 * A formatted message and its headline (its first line without the status emoji), which the
 * bot remembers for a firing group so its resolved message can name it. Immutable.
 */
public record Rendered(String text, String headline) {
  public Rendered {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(headline, "headline");
  }
}

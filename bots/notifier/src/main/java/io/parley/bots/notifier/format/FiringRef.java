package io.parley.bots.notifier.format;

import java.time.Instant;
import java.util.Objects;

/**
 * The firing message a resolved message resolves: its headline and when it was first sent.
 * Immutable.
 */
public record FiringRef(String headline, Instant firstSentAt) {
  public FiringRef {
    Objects.requireNonNull(headline, "headline");
    Objects.requireNonNull(firstSentAt, "firstSentAt");
  }
}

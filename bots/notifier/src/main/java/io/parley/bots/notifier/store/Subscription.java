package io.parley.bots.notifier.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One connection's subscription to one topic. Immutable.
 *
 * @param connectionId the daemon's id of the subscriber's connection
 * @param topic the canonical topic name
 * @param mutedUntil alerts are held back before this instant; {@link Instant#EPOCH} when never
 *     muted
 */
public record Subscription(String connectionId, String topic, Instant mutedUntil) {
  public Subscription {
    Objects.requireNonNull(connectionId, "connectionId");
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(mutedUntil, "mutedUntil");
  }

  /** Whether alerts are held back at {@code now}. */
  public boolean mutedAt(Instant now) {
    return now.isBefore(mutedUntil);
  }
}

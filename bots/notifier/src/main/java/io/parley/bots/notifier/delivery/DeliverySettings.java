package io.parley.bots.notifier.delivery;

import java.time.Duration;
import java.util.Objects;

/**
 * The dispatcher's tunables. Immutable.
 *
 * @param repeatWindow an alert message identical to the last one a subscriber got on the same
 *     thread within this window is suppressed; also how long a failed send's idempotency key is
 *     reused by a retry
 * @param rateBurst messages a subscriber can get at once; past them alerts are held and sent
 *     together as a digest
 * @param rateRefill how long each further message's allowance (one message or one digest)
 *     takes to come back
 * @param firingRetention how long a firing group that never resolves is remembered
 */
public record DeliverySettings(Duration repeatWindow, int rateBurst, Duration rateRefill,
    Duration firingRetention) {
  /** Default repeat suppression window: 10 minutes. */
  public static final Duration DEFAULT_REPEAT_WINDOW = Duration.ofMinutes(10);
  /** Default burst: 10 messages per subscriber. */
  public static final int DEFAULT_RATE_BURST = 10;
  /**
   * Default refill: one message every 15 seconds. Past the burst every message is a digest of
   * whatever arrived meanwhile, so an alert storm costs a subscriber at most 4 messages a minute
   * and no alert waits more than 15 seconds for its digest.
   */
  public static final Duration DEFAULT_RATE_REFILL = Duration.ofSeconds(15);
  /** Largest burst the settings accept. */
  public static final int MAX_RATE_BURST = 1_000;
  /** Slowest refill the settings accept, so held alerts never wait longer. */
  public static final Duration MAX_RATE_REFILL = Duration.ofHours(1);
  /** Default memory of unresolved firing groups: 30 days. */
  public static final Duration DEFAULT_FIRING_RETENTION = Duration.ofDays(30);

  public DeliverySettings {
    Objects.requireNonNull(repeatWindow, "repeatWindow");
    Objects.requireNonNull(rateRefill, "rateRefill");
    Objects.requireNonNull(firingRetention, "firingRetention");
    if (repeatWindow.isNegative() || rateBurst < 1 || rateBurst > MAX_RATE_BURST
        || rateRefill.isNegative() || rateRefill.isZero()
        || rateRefill.compareTo(MAX_RATE_REFILL) > 0 || firingRetention.isNegative()) {
      throw new IllegalArgumentException("delivery settings out of range");
    }
  }

  /** The defaults above. */
  public static DeliverySettings defaults() {
    return new DeliverySettings(DEFAULT_REPEAT_WINDOW, DEFAULT_RATE_BURST, DEFAULT_RATE_REFILL,
        DEFAULT_FIRING_RETENTION);
  }

  /** These settings with another rate limit. */
  public DeliverySettings withRate(int burst, Duration refill) {
    return new DeliverySettings(repeatWindow, burst, refill, firingRetention);
  }
}

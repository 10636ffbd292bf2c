package io.parley.testkit;

import java.time.Duration;

/**
 * A point in time a test stops waiting at, read from the monotonic clock (never the wall clock,
 * which tests and NTP move). Immutable.
 */
public final class Deadline {
  /**
   * How long a test waits by default for loopback work: generous, because a 2-core machine
   * shared with other builds can stall a relay or a commit for seconds.
   */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  private final Duration timeout;
  private final long endNanos;

  private Deadline(Duration timeout) {
    this.timeout = timeout;
    this.endNanos = System.nanoTime() + timeout.toNanos();
  }

  /** The deadline {@code timeout} from now. */
  public static Deadline after(Duration timeout) {
    return new Deadline(timeout);
  }

  /** The deadline {@link #DEFAULT_TIMEOUT} from now. */
  public static Deadline standard() {
    return after(DEFAULT_TIMEOUT);
  }

  public boolean passed() {
    return System.nanoTime() - endNanos >= 0;
  }

  /** Time left, zero once passed. */
  public Duration remaining() {
    long left = endNanos - System.nanoTime();
    return left > 0 ? Duration.ofNanos(left) : Duration.ZERO;
  }

  /** The whole span this deadline was set for, for failure messages. */
  public Duration timeout() {
    return timeout;
  }
}

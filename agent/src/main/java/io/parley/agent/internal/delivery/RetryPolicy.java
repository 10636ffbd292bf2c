package io.parley.agent.internal.delivery;

/**
 * Capped exponential backoff for failed sends: {@code min * 2^(attempt-1)}, at most
 * {@code max}. Deterministic (one worker per connection already spreads retries). Immutable.
 *
 * @param minMillis delay after the first failure. UNIT: milliseconds
 * @param maxMillis cap. UNIT: milliseconds
 */
public record RetryPolicy(long minMillis, long maxMillis) {
  /** Doublings after which the delay is capped whatever the values; avoids overflow. */
  private static final int MAX_SHIFT = 30;

  public RetryPolicy {
    if (minMillis <= 0 || maxMillis < minMillis) {
      throw new IllegalArgumentException("retry delays must be positive and min <= max");
    }
  }

  /** Delay before retry number {@code attempt} (1 for the first retry). UNIT: milliseconds. */
  public long delayMillis(int attempt) {
    int shift = Math.min(Math.max(attempt - 1, 0), MAX_SHIFT);
    long d = minMillis << shift;
    return d <= 0 || d > maxMillis ? maxMillis : d;
  }
}

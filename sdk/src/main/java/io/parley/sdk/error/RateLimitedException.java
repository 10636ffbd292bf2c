package io.parley.sdk.error;

import java.time.Duration;
import java.util.Optional;

/** The daemon is refusing calls for a while (429); retry after {@link #retryAfter()}. Immutable. */
public final class RateLimitedException extends ParleyException {
  private static final long serialVersionUID = 1L;

  /** HTTP status of this failure. */
  public static final int STATUS = 429;

  private final Duration retryAfter;

  /**
   * @param code the API's error code
   * @param retryAfter how long the daemon asked to wait, or null if it did not say
   */
  public RateLimitedException(String code, String message, Duration retryAfter) {
    super(STATUS, code, message);
    this.retryAfter = retryAfter;
  }

  /** How long the daemon asked callers to wait, when it said. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  @Override
  public boolean isRetryable() {
    return true;
  }
}

package io.parley.bots.notifier.http;

/**
 * The receiver's limits. Immutable.
 *
 * @param maxBodyBytes larger bodies get 413; positive
 * @param retryAfterSeconds the {@code Retry-After} given with a 503; positive
 */
public record ReceiverSettings(long maxBodyBytes, int retryAfterSeconds) {
  /** Default body limit: 1 MiB, room for an Alertmanager group of a few thousand alerts. */
  public static final long DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
  /** Default {@code Retry-After} on 503. UNIT: seconds. */
  public static final int DEFAULT_RETRY_AFTER_SECONDS = 30;

  public ReceiverSettings {
    if (maxBodyBytes < 1 || maxBodyBytes > Integer.MAX_VALUE - 1 || retryAfterSeconds < 1) {
      throw new IllegalArgumentException("receiver settings out of range");
    }
  }

  /** The defaults above. */
  public static ReceiverSettings defaults() {
    return new ReceiverSettings(DEFAULT_MAX_BODY_BYTES, DEFAULT_RETRY_AFTER_SECONDS);
  }
}

package io.parley.bots.notifier.http;

/**
 * The receiver's limits. Immutable.
 *
 * @param maxBodyBytes larger bodies get 413; positive
 * @param retryAfterSeconds the {@code Retry-After} given with a 503; positive
 * @param acceptUnsubscribedTopics whether an alert to a topic nobody subscribes to is answered
 *     200 (it reaches no one); by default it is 404, so a misrouted or forgotten topic shows up
 *     as an error in the sender instead of a silent success
 */
public record ReceiverSettings(long maxBodyBytes, int retryAfterSeconds,
    boolean acceptUnsubscribedTopics) {
  /** Default body limit: 1 MiB, room for an Alertmanager group of a few thousand alerts. */
  public static final long DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
  /** Default {@code Retry-After} on 503. UNIT: seconds. */
  public static final int DEFAULT_RETRY_AFTER_SECONDS = 30;

  public ReceiverSettings {
    if (maxBodyBytes < 1 || maxBodyBytes > Integer.MAX_VALUE - 1 || retryAfterSeconds < 1) {
      throw new IllegalArgumentException("receiver settings out of range");
    }
  }

  /** With topics nobody subscribes to answered 404. */
  public ReceiverSettings(long maxBodyBytes, int retryAfterSeconds) {
    this(maxBodyBytes, retryAfterSeconds, false);
  }

  /** The defaults above, with topics nobody subscribes to answered 404. */
  public static ReceiverSettings defaults() {
    return new ReceiverSettings(DEFAULT_MAX_BODY_BYTES, DEFAULT_RETRY_AFTER_SECONDS, false);
  }

  /** These settings with {@code accept} for topics nobody subscribes to. */
  public ReceiverSettings withAcceptUnsubscribedTopics(boolean accept) {
    return new ReceiverSettings(maxBodyBytes, retryAfterSeconds, accept);
  }
}

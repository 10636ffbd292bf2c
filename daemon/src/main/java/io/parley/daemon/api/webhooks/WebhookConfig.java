package io.parley.daemon.api.webhooks;

/**
 * Timing of webhook deliveries. Immutable.
 *
 * @param retryMinMillis delay before the first retry of a failed delivery. UNIT: milliseconds
 * @param retryMaxMillis cap of the doubling retry delay. UNIT: milliseconds
 * @param requestTimeoutMillis how long one POST may take, connecting included. UNIT:
 *     milliseconds
 */
public record WebhookConfig(long retryMinMillis, long retryMaxMillis, long requestTimeoutMillis) {
  /** UNIT: milliseconds. */
  public static final long DEFAULT_RETRY_MIN_MILLIS = 1_000;
  /** UNIT: milliseconds (5 minutes). */
  public static final long DEFAULT_RETRY_MAX_MILLIS = 300_000;
  /** UNIT: milliseconds. */
  public static final long DEFAULT_REQUEST_TIMEOUT_MILLIS = 10_000;

  public WebhookConfig {
    if (retryMinMillis <= 0 || retryMaxMillis < retryMinMillis || requestTimeoutMillis <= 0) {
      throw new IllegalArgumentException("webhook delays must be positive and min <= max");
    }
  }

  public static WebhookConfig defaults() {
    return new WebhookConfig(DEFAULT_RETRY_MIN_MILLIS, DEFAULT_RETRY_MAX_MILLIS,
        DEFAULT_REQUEST_TIMEOUT_MILLIS);
  }

  /** The delay before retry number {@code attempt} (1-based): doubling, capped, +-20% jitter. */
  public long retryDelayMillis(int attempt, double jitter) {
    double base = retryMinMillis * Math.pow(2, Math.min(Math.max(attempt - 1, 0), 30));
    double capped = Math.min(base, retryMaxMillis);
    return Math.max(1, Math.round(capped * (0.8 + 0.4 * jitter)));
  }
}

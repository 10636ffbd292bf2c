package io.parley.sdk.error;

/**
 * The daemon cannot do it right now and did nothing (503): its store cannot persist
 * ({@link #STORE_UNAVAILABLE}), a relay is unreachable ({@link #RELAY_UNAVAILABLE}), or it is
 * {@link #SHUTTING_DOWN}. The same call may be retried. Immutable.
 */
public final class ServiceUnavailableException extends ParleyException {
  private static final long serialVersionUID = 1L;

  /** HTTP status of this failure. */
  public static final int STATUS = 503;
  /** The daemon's store cannot persist or read. */
  public static final String STORE_UNAVAILABLE = "store_unavailable";
  /** A relay could not be reached. */
  public static final String RELAY_UNAVAILABLE = "relay_unavailable";
  /** The daemon is stopping. */
  public static final String SHUTTING_DOWN = "shutting_down";

  /** @param code the API's error code */
  public ServiceUnavailableException(String code, String message) {
    super(STATUS, code, message);
  }

  @Override
  public boolean isRetryable() {
    return true;
  }
}

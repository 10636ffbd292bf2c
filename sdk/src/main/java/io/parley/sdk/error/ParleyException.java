package io.parley.sdk.error;

/**
 * A call to the Parley daemon failed. Subclasses name the failure by HTTP status; {@link #code()}
 * carries the API's stable error code ({@code not_found}, {@code not_established}, ...) so callers
 * can branch finely without parsing messages. Failures that happen before any answer (the daemon
 * is unreachable, the configuration is incomplete) have {@link #status()} {@value #NO_STATUS}.
 *
 * <p>Unchecked, so bot handlers written as lambdas stay short. Messages come from the daemon or
 * the SDK and never carry tokens, links or message texts. Immutable.
 */
public class ParleyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** {@link #status()} of a failure without an HTTP answer. */
  public static final int NO_STATUS = 0;
  /** {@link #code()} when the daemon's answer could not be understood. */
  public static final String BAD_RESPONSE = "bad_response";

  private final int status;
  private final String code;

  /**
   * @param status the HTTP status, or {@link #NO_STATUS}
   * @param code the API's error code, or an SDK code for failures without an answer
   */
  public ParleyException(int status, String code, String message) {
    this(status, code, message, null);
  }

  /** Like {@link #ParleyException(int, String, String)}, with the underlying cause. */
  public ParleyException(int status, String code, String message, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.code = code == null ? "" : code;
  }

  /** The HTTP status of the daemon's answer, or {@link #NO_STATUS} when there was none. */
  public int status() {
    return status;
  }

  /** The API's stable error code, such as {@code not_found}; never null. */
  public String code() {
    return code;
  }

  /**
   * Whether the same call may succeed later without any change: the daemon was unreachable,
   * busy (429) or temporarily unable to persist or reach a relay (503).
   */
  public boolean isRetryable() {
    return false;
  }
}

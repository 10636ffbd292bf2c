package io.parley.sdk.error;

/**
 * No answer came from the daemon: the connection was refused or dropped, or the call timed
 * out. {@link #status()} is {@link #NO_STATUS}; the call may be retried. Immutable.
 */
public final class DaemonUnreachableException extends ParleyException {
  private static final long serialVersionUID = 1L;

  /** {@link #code()} of this failure. */
  public static final String CODE = "unreachable";

  /** @param cause the I/O failure, or null */
  public DaemonUnreachableException(String message, Throwable cause) {
    super(NO_STATUS, CODE, message, cause);
  }

  @Override
  public boolean isRetryable() {
    return true;
  }
}

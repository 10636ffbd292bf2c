package io.parley.sdk.error;

/**
 * The client cannot be configured: no API URL or token, an unreadable token file, or a malformed
 * URL. {@link #status()} is {@link #NO_STATUS}. Immutable.
 */
public final class ParleyConfigException extends ParleyException {
  private static final long serialVersionUID = 1L;

  /** {@link #code()} of this failure. */
  public static final String CODE = "config";

  /** A configuration failure described by {@code message}. */
  public ParleyConfigException(String message) {
    super(NO_STATUS, CODE, message);
  }

  /** A configuration failure caused by {@code cause}, such as an unreadable file. */
  public ParleyConfigException(String message, Throwable cause) {
    super(NO_STATUS, CODE, message, cause);
  }
}

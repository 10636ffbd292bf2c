package io.parley.sdk.error;

/** The message text or request body is larger than the daemon accepts (413). Immutable. */
public final class PayloadTooLargeException extends ParleyException {
  private static final long serialVersionUID = 1L;

  /** HTTP status of this failure. */
  public static final int STATUS = 413;

  /** @param code the API's error code */
  public PayloadTooLargeException(String code, String message) {
    super(STATUS, code, message);
  }
}

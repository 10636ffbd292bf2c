package io.parley.sdk.error;

/**
 * The daemon refused the request as malformed or out of range (400); the message says which
 * field. Immutable.
 */
public final class BadRequestException extends ParleyException {
  private static final long serialVersionUID = 1L;

  /** HTTP status of this failure. */
  public static final int STATUS = 400;

  /** @param code the API's error code */
  public BadRequestException(String code, String message) {
    super(STATUS, code, message);
  }
}

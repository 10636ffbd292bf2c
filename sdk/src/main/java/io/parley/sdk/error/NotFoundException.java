package io.parley.sdk.error;

/** No such connection, message, request, consumer or contact address (404). Immutable. */
public final class NotFoundException extends ParleyException {
  private static final long serialVersionUID = 1L;

  /** HTTP status of this failure. */
  public static final int STATUS = 404;

  /** @param code the API's error code */
  public NotFoundException(String code, String message) {
    super(STATUS, code, message);
  }
}

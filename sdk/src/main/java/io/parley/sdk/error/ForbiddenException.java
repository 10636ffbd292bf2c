package io.parley.sdk.error;

/**
 * The token's scope does not allow the call, or the request came from a foreign origin (403).
 * Immutable.
 */
public final class ForbiddenException extends ParleyException {
  private static final long serialVersionUID = 1L;

  /** HTTP status of this failure. */
  public static final int STATUS = 403;

  /** @param code the API's error code */
  public ForbiddenException(String code, String message) {
    super(STATUS, code, message);
  }
}

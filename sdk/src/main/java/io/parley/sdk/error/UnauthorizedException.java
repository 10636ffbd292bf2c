package io.parley.sdk.error;

/** The API token is missing, wrong or revoked (401). Immutable. */
public final class UnauthorizedException extends ParleyException {
  private static final long serialVersionUID = 1L;

  /** HTTP status of this failure. */
  public static final int STATUS = 401;

  /** @param code the API's error code */
  public UnauthorizedException(String code, String message) {
    super(STATUS, code, message);
  }
}

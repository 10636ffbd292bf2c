package io.parley.sdk.error;

/**
 * The request body had a media type the daemon does not take (415); the SDK only sends JSON and
 * UTF-8 text, so this means a proxy rewrote it. Immutable.
 */
public final class UnsupportedMediaTypeException extends ParleyException {
  private static final long serialVersionUID = 1L;

  /** HTTP status of this failure. */
  public static final int STATUS = 415;

  /** @param code the API's error code */
  public UnsupportedMediaTypeException(String code, String message) {
    super(STATUS, code, message);
  }
}

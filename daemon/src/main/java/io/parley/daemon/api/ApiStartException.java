package io.parley.daemon.api;

/**
 * The local API could not start: the port is taken, the token file cannot be written, or the
 * store cannot be opened. The message says which; it never contains the token.
 */
public final class ApiStartException extends Exception {
  public ApiStartException(String message, Throwable cause) {
    super(message, cause);
  }
}

package io.parley.relay.store;

/** The store could not read or persist; the relay answers ERR INTERNAL and nothing is acked. */
public class StoreException extends Exception {
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }

  public StoreException(String message) {
    super(message);
  }
}

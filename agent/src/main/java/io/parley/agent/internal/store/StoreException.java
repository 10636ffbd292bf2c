package io.parley.agent.internal.store;

/**
 * The store could not run a query or a write unit: a constraint was violated, a row held a value
 * this build cannot read, or SQLite reported an error. Messages name tables and columns, never
 * the values in them.
 */
public class StoreException extends Exception {
  public StoreException(String message) {
    super(message);
  }

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}

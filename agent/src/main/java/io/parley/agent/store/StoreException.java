package io.parley.agent.store;

/**
 * A host's query or write unit on the agent's store failed: a constraint was violated, a row
 * held a value the host cannot read, or SQLite reported an error. Messages name tables and
 * columns, never the values in them.
 */
public class StoreException extends Exception {
  public StoreException(String message) {
    super(message);
  }

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}

package io.parley.agent.internal.store;

/**
 * The store cannot take work right now: a commit failed (disk full, I/O error, read-only file),
 * an earlier unit of the same connection failed ({@link WriteFence}), the write queue
 * is full, no read connection became free in time, or the database is closed. Nothing of the
 * affected work is durable; the API answers 503 and the caller may retry later.
 */
public class StoreUnavailableException extends StoreException {
  public StoreUnavailableException(String message) {
    super(message);
  }

  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}

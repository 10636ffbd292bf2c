package io.parley.agent.store;

/**
 * The store cannot take the work right now: a lock was not free in time, a commit failed (disk
 * full, I/O error, read-only or damaged file), the write queue is full, or the store is closed.
 * Nothing of the affected work is durable; the caller may retry later.
 */
public class StoreUnavailableException extends StoreException {
  public StoreUnavailableException(String message) {
    super(message);
  }

  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}

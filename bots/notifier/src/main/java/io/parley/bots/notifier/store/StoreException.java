package io.parley.bots.notifier.store;

/** The bot's SQLite database could not be opened, read or written. */
public final class StoreException extends Exception {
  private static final long serialVersionUID = 1L;

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}

package io.parley.agent.internal.store;

/**
 * The database file failed SQLite's consistency check at open, or is not a database at all. The
 * daemon must not run on it: restore a backup.
 */
public final class DatabaseCorruptException extends StoreException {
  public DatabaseCorruptException(String message) {
    super(message);
  }

  public DatabaseCorruptException(String message, Throwable cause) {
    super(message, cause);
  }
}

package io.parley.agent.internal.store;

import java.sql.SQLException;

/**
 * Classifies SQLite failures: a failing disk (full, I/O error, read-only file) or a lock is
 * {@link StoreUnavailableException}, a damaged file is {@link DatabaseCorruptException}, anything
 * else (constraints, bad SQL) a plain {@link StoreException}. SQLite's messages name columns and constraints, never bound values.
 */
final class SqlErrors {
  // Primary SQLite result codes (https://www.sqlite.org/rescode.html).
  private static final int SQLITE_BUSY = 5;
  private static final int SQLITE_LOCKED = 6;
  private static final int SQLITE_NOMEM = 7;
  private static final int SQLITE_READONLY = 8;
  private static final int SQLITE_IOERR = 10;
  private static final int SQLITE_CORRUPT = 11;
  private static final int SQLITE_FULL = 13;
  private static final int SQLITE_CANTOPEN = 14;
  private static final int SQLITE_NOTADB = 26;
  /** Extended codes keep the primary code in their low byte. */
  private static final int PRIMARY_CODE_MASK = 0xff;

  private SqlErrors() {}

  static StoreException translate(SQLException e) {
    switch (e.getErrorCode() & PRIMARY_CODE_MASK) {
      case SQLITE_BUSY, SQLITE_LOCKED, SQLITE_NOMEM, SQLITE_READONLY, SQLITE_IOERR, SQLITE_FULL,
          SQLITE_CANTOPEN:
        return new StoreUnavailableException(e.getMessage(), e);
      case SQLITE_CORRUPT, SQLITE_NOTADB:
        return new DatabaseCorruptException(e.getMessage(), e);
      default:
        return new StoreException(e.getMessage(), e);
    }
  }
}

package io.parley.daemon.store.api;

import io.parley.agent.internal.store.StoreException;
import io.parley.agent.internal.store.StoreUnavailableException;
import java.sql.SQLException;

/**
 * Classifies SQLite failures of the API store the way the agent's store does: a busy lock or a
 * failing disk is {@link StoreUnavailableException} (the API answers 503), anything else a plain
 * {@link StoreException}. SQLite's messages name columns, never bound values.
 */
final class ApiSqlErrors {
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

  private ApiSqlErrors() {}

  static StoreException translate(SQLException e) {
    switch (e.getErrorCode() & PRIMARY_CODE_MASK) {
      case SQLITE_BUSY, SQLITE_LOCKED, SQLITE_NOMEM, SQLITE_READONLY, SQLITE_IOERR, SQLITE_CORRUPT,
          SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_NOTADB:
        return new StoreUnavailableException(e.getMessage(), e);
      default:
        return new StoreException(e.getMessage(), e);
    }
  }
}

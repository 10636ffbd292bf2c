package io.parley.agent.store;

import java.sql.SQLException;

/**
 * Classifies SQLite failures, for the agent's store and for hosts that run SQL through
 * {@link SharedStore}: a lock, a failing or read-only disk is {@link Kind#UNAVAILABLE}, a
 * damaged file {@link Kind#CORRUPT}, anything else (constraints, bad SQL) {@link Kind#OTHER}.
 * SQLite's messages name columns and constraints, never bound values.
 */
public final class SqliteErrors {
  /** What a failure means for the caller. */
  public enum Kind {
    /** Retry later: the work was not stored. */
    UNAVAILABLE,
    /** The file is not a sound SQLite database. */
    CORRUPT,
    /** The work itself is wrong (a constraint, a statement); retrying will not help. */
    OTHER
  }

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

  private SqliteErrors() {}

  public static Kind classify(SQLException e) {
    switch (e.getErrorCode() & PRIMARY_CODE_MASK) {
      case SQLITE_BUSY, SQLITE_LOCKED, SQLITE_NOMEM, SQLITE_READONLY, SQLITE_IOERR, SQLITE_FULL,
          SQLITE_CANTOPEN:
        return Kind.UNAVAILABLE;
      case SQLITE_CORRUPT, SQLITE_NOTADB:
        return Kind.CORRUPT;
      default:
        return Kind.OTHER;
    }
  }

  /**
   * The host-facing exception for {@code e}: a damaged file is unavailable to a host too (the
   * agent reports the damage itself when it opens the file).
   */
  public static StoreException translate(SQLException e) {
    return classify(e) == Kind.OTHER
        ? new StoreException(e.getMessage(), e)
        : new StoreUnavailableException(e.getMessage(), e);
  }
}

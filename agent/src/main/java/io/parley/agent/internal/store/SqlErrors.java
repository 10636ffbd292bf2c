package io.parley.agent.internal.store;

import io.parley.agent.store.SqliteErrors;
import java.sql.SQLException;

/**
 * Turns SQLite failures into the store's types, by the classification hosts share
 * ({@link SqliteErrors}): a failing disk or a lock is {@link StoreUnavailableException}, a
 * damaged file is {@link DatabaseCorruptException}, anything else (constraints, bad SQL) a plain
 * {@link StoreException}. SQLite's messages name columns and constraints, never bound values.
 */
final class SqlErrors {
  private SqlErrors() {}

  static StoreException translate(SQLException e) {
    return switch (SqliteErrors.classify(e)) {
      case UNAVAILABLE -> new StoreUnavailableException(e.getMessage(), e);
      case CORRUPT -> new DatabaseCorruptException(e.getMessage(), e);
      case OTHER -> new StoreException(e.getMessage(), e);
    };
  }
}

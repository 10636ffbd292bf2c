package io.parley.agent.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Runs the repositories' statements on one connection and turns {@link SQLException} into typed
 * {@link StoreException}s. Enums are stored as their lower-case names. Valid only while the unit
 * or query that owns it runs; not thread-safe.
 */
final class Sql {
  /** Maps the current row of a result set; never advances it. */
  @FunctionalInterface
  interface RowMapper<T> {
    T map(ResultSet rs) throws SQLException, StoreException;
  }

  private final StatementCache statements;
  private volatile boolean open = true;

  Sql(StatementCache statements) {
    this.statements = statements;
  }

  /** Ends this handle's validity: a repository used after its unit returned fails loudly. */
  void close() {
    open = false;
  }

  /** The raw connection, for the store's own plumbing and tests; never handed to callers. */
  Connection connection() throws StoreException {
    checkOpen();
    return statements.connection();
  }

  int update(String sql, Object... args) throws StoreException {
    checkOpen();
    try {
      return prepare(sql, args).executeUpdate();
    } catch (SQLException e) {
      statements.discard(sql);
      throw SqlErrors.translate(e);
    }
  }

  <T> List<T> list(String sql, RowMapper<T> mapper, Object... args) throws StoreException {
    checkOpen();
    // Closing the result set resets the cached statement for its next use.
    try (ResultSet rs = prepare(sql, args).executeQuery()) {
      List<T> out = new ArrayList<>();
      while (rs.next()) {
        out.add(mapper.map(rs));
      }
      return out;
    } catch (SQLException e) {
      statements.discard(sql);
      throw SqlErrors.translate(e);
    }
  }

  <T> Optional<T> one(String sql, RowMapper<T> mapper, Object... args) throws StoreException {
    checkOpen();
    try (ResultSet rs = prepare(sql, args).executeQuery()) {
      return rs.next() ? Optional.ofNullable(mapper.map(rs)) : Optional.empty();
    } catch (SQLException e) {
      statements.discard(sql);
      throw SqlErrors.translate(e);
    }
  }

  /** Runs an {@code INSERT ... RETURNING <integer key>} and returns that key. */
  long insertReturningKey(String sql, Object... args) throws StoreException {
    return one(sql, rs -> rs.getLong(1), args)
        .orElseThrow(() -> new StoreException("insert returned no key"));
  }

  private PreparedStatement prepare(String sql, Object[] args) throws SQLException {
    PreparedStatement ps = statements.get(sql);
    try {
      for (int i = 0; i < args.length; i++) {
        bind(ps, i + 1, args[i]);
      }
      return ps;
    } catch (SQLException | RuntimeException e) {
      statements.discard(sql);
      throw e;
    }
  }

  private static void bind(PreparedStatement ps, int index, Object value) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.NULL);
    } else if (value instanceof String s) {
      ps.setString(index, s);
    } else if (value instanceof Long l) {
      ps.setLong(index, l);
    } else if (value instanceof Integer n) {
      ps.setLong(index, n);
    } else if (value instanceof byte[] b) {
      ps.setBytes(index, b);
    } else if (value instanceof Boolean b) {
      ps.setLong(index, b ? 1 : 0);
    } else if (value instanceof Enum<?> e) {
      ps.setString(index, dbName(e));
    } else {
      throw new IllegalArgumentException("unsupported parameter type " + value.getClass());
    }
  }

  private void checkOpen() throws StoreException {
    if (!open) {
      throw new StoreException("store used outside the write unit or query that received it");
    }
  }

  /** The text an enum constant is stored as: its name in lower case. */
  static String dbName(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }

  /** Reads an enum column; a value this build does not know is a typed failure, not a crash. */
  static <E extends Enum<E>> E enumColumn(ResultSet rs, String column, Class<E> type)
      throws SQLException, StoreException {
    String text = rs.getString(column);
    if (text != null) {
      for (E e : type.getEnumConstants()) {
        if (dbName(e).equals(text)) {
          return e;
        }
      }
    }
    throw new StoreException("unreadable value in column " + column);
  }

  /** Reads an INTEGER column that may be null. */
  static Long nullableLong(ResultSet rs, String column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : v;
  }

  static boolean bool(ResultSet rs, String column) throws SQLException {
    return rs.getLong(column) != 0;
  }
}

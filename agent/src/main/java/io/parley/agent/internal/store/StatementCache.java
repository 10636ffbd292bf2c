package io.parley.agent.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Prepared statements of one connection, kept across units and queries. sqlite-jdbc prepares
 * (parses and plans) a statement on every {@code prepareStatement}; on the hot paths that was a
 * quarter of the writer thread's time, more than running the statements. The repositories use a
 * small fixed set of SQL texts, so a bounded LRU map by text holds all of them. Owned by the one
 * thread that uses the connection at a time; not thread-safe.
 */
final class StatementCache implements AutoCloseable {
  /** Statements kept per connection; the repositories use fewer distinct texts. */
  static final int MAX_STATEMENTS = 128;

  private final Connection conn;
  private final Map<String, PreparedStatement> statements =
      new LinkedHashMap<>(MAX_STATEMENTS, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
          if (size() <= MAX_STATEMENTS) {
            return false;
          }
          closeQuietly(eldest.getValue());
          return true;
        }
      };

  StatementCache(Connection conn) {
    this.conn = conn;
  }

  Connection connection() {
    return conn;
  }

  /** The statement for this text, prepared on first use; its parameters are cleared. */
  PreparedStatement get(String sql) throws SQLException {
    PreparedStatement ps = statements.get(sql);
    if (ps == null) {
      ps = conn.prepareStatement(sql);
      statements.put(sql, ps);
    } else {
      ps.clearParameters();
    }
    return ps;
  }

  /** Drops a statement whose state is unknown after a failure; the next use prepares anew. */
  void discard(String sql) {
    closeQuietly(statements.remove(sql));
  }

  /** Runs a parameterless statement such as BEGIN, COMMIT or SAVEPOINT. */
  void exec(String sql) throws StoreException {
    try {
      get(sql).execute();
    } catch (SQLException e) {
      discard(sql);
      throw SqlErrors.translate(e);
    }
  }

  /** Closes the statements; the connection stays open for its owner to close. */
  @Override
  public void close() {
    statements.values().forEach(StatementCache::closeQuietly);
    statements.clear();
  }

  private static void closeQuietly(PreparedStatement ps) {
    if (ps == null) {
      return;
    }
    try {
      ps.close();
    } catch (SQLException e) {
      // Closing releases native memory only; nothing the caller could do about a failure.
    }
  }
}

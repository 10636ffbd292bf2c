package io.parley.daemon.store.api;

import io.parley.agent.store.SqliteErrors;
import io.parley.agent.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs the API repositories' statements on the transaction's connection, binding arguments by
 * type and turning {@link SQLException} into typed {@link StoreException}s. Valid only while its
 * transaction runs; not thread-safe.
 */
final class Statements {
  /** Maps the current row; never advances the result set. */
  @FunctionalInterface
  interface RowMapper<T> {
    T map(ResultSet rs) throws SQLException;
  }

  private final Connection conn;
  private boolean open = true;

  Statements(Connection conn) {
    this.conn = conn;
  }

  void close() {
    open = false;
  }

  int update(String sql, Object... args) throws StoreException {
    try (PreparedStatement ps = prepare(sql, args)) {
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw SqliteErrors.translate(e);
    }
  }

  <T> List<T> list(String sql, RowMapper<T> mapper, Object... args) throws StoreException {
    try (PreparedStatement ps = prepare(sql, args);
        ResultSet rs = ps.executeQuery()) {
      List<T> out = new ArrayList<>();
      while (rs.next()) {
        out.add(mapper.map(rs));
      }
      return out;
    } catch (SQLException e) {
      throw SqliteErrors.translate(e);
    }
  }

  <T> Optional<T> one(String sql, RowMapper<T> mapper, Object... args) throws StoreException {
    List<T> rows = list(sql, mapper, args);
    return rows.isEmpty() ? Optional.empty() : Optional.ofNullable(rows.get(0));
  }

  long count(String sql, Object... args) throws StoreException {
    return one(sql, rs -> rs.getLong(1), args).orElse(0L);
  }

  private PreparedStatement prepare(String sql, Object... args)
      throws SQLException, StoreException {
    if (!open) {
      throw new StoreException("a repository was used after its transaction ended");
    }
    PreparedStatement ps = conn.prepareStatement(sql);
    for (int i = 0; i < args.length; i++) {
      Object a = args[i];
      if (a == null) {
        ps.setNull(i + 1, Types.NULL);
      } else if (a instanceof String s) {
        ps.setString(i + 1, s);
      } else if (a instanceof Long l) {
        ps.setLong(i + 1, l);
      } else if (a instanceof Integer n) {
        ps.setLong(i + 1, n);
      } else if (a instanceof byte[] b) {
        ps.setBytes(i + 1, b);
      } else if (a instanceof Boolean b) {
        ps.setLong(i + 1, b ? 1 : 0);
      } else {
        ps.close();
        throw new StoreException("unsupported argument type " + a.getClass().getSimpleName());
      }
    }
    return ps;
  }
}

package io.parley.daemon.store.api;

import io.parley.agent.internal.store.StoreException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Pages through one connection's text messages, received and sent, ordered by time (then id).
 * Pages are keyed by a message id, so they stay stable while new messages arrive. Obtained from
 * {@link ApiTx}; not thread-safe.
 */
public final class HistoryRepository {
  /** Largest page returned; bigger requests are cut to it. */
  public static final int MAX_PAGE_SIZE = 500;

  private static final String IN_COLUMNS = "id, connection_id, 1 AS incoming, text,"
      + " received_at AS at, integrity AS state, skipped_from, skipped_to, NULL AS reason";
  private static final String UNION = "SELECT " + IN_COLUMNS + " FROM messages_in"
      + " WHERE connection_id = ? AND (received_at, id) %1$s (?, ?)"
      + " UNION ALL SELECT id, connection_id, 0, text, created_at, status, NULL, NULL,"
      + " failure_reason FROM messages_out WHERE connection_id = ? AND kind = 'text'"
      + " AND (created_at, id) %1$s (?, ?)";

  private final Statements sql;

  HistoryRepository(Statements sql) {
    this.sql = sql;
  }

  /** The time of message {@code messageId} of this connection, or empty if it has none. */
  public OptionalLong timeOf(String connectionId, String messageId) throws StoreException {
    return sql.one("SELECT received_at FROM messages_in WHERE connection_id = ? AND id = ?"
        + " UNION ALL SELECT created_at FROM messages_out WHERE connection_id = ? AND id = ?"
        + " AND kind = 'text'", rs -> rs.getLong(1), connectionId, messageId, connectionId,
        messageId).map(OptionalLong::of).orElse(OptionalLong.empty());
  }

  /** A received message by its id. */
  public Optional<HistoryRow> incoming(String messageId) throws StoreException {
    return sql.one("SELECT " + IN_COLUMNS + " FROM messages_in WHERE id = ?",
        HistoryRepository::row, messageId);
  }

  /** The newest {@code limit} messages, oldest first. */
  public List<HistoryRow> latest(String connectionId, int limit) throws StoreException {
    return before(connectionId, Long.MAX_VALUE, "", limit);
  }

  /** Up to {@code limit} messages just before ({@code at}, {@code id}), oldest first. */
  public List<HistoryRow> before(String connectionId, long at, String id, int limit)
      throws StoreException {
    List<HistoryRow> rows = new ArrayList<>(sql.list("SELECT * FROM ("
        + String.format(UNION, "<") + ") ORDER BY at DESC, id DESC LIMIT ?",
        HistoryRepository::row, connectionId, at, id, connectionId, at, id, page(limit)));
    Collections.reverse(rows);
    return rows;
  }

  /** Up to {@code limit} messages just after ({@code at}, {@code id}), oldest first. */
  public List<HistoryRow> after(String connectionId, long at, String id, int limit)
      throws StoreException {
    return sql.list("SELECT * FROM (" + String.format(UNION, ">")
        + ") ORDER BY at, id LIMIT ?", HistoryRepository::row, connectionId, at, id,
        connectionId, at, id, page(limit));
  }

  private static int page(int limit) {
    return Math.max(1, Math.min(limit, MAX_PAGE_SIZE));
  }

  private static HistoryRow row(ResultSet rs) throws SQLException {
    long from = rs.getLong("skipped_from");
    Long skippedFrom = rs.wasNull() ? null : from;
    long to = rs.getLong("skipped_to");
    Long skippedTo = rs.wasNull() ? null : to;
    return new HistoryRow(rs.getString("id"), rs.getString("connection_id"),
        rs.getInt("incoming") == 1, rs.getString("text"),
        rs.getLong("at"), rs.getString("state"), skippedFrom, skippedTo,
        rs.getString("reason"));
  }
}

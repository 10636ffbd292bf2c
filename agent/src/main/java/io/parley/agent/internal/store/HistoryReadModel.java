package io.parley.agent.internal.store;

import io.parley.agent.readmodel.HistoryEntry;
import io.parley.agent.readmodel.MessageHistory;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@link MessageHistory} on the agent's tables: both directions of a connection's texts merged
 * by (time, id), each direction walked by its time index ({@code messages_in_time},
 * {@code messages_out_time}). A page and the lookup of its anchor are one read.
 */
public final class HistoryReadModel implements MessageHistory {
  private static final String IN_COLUMNS = "id, connection_id, 1 AS incoming, text,"
      + " received_at AS at, integrity AS state, skipped_from, skipped_to, NULL AS reason";
  private static final String UNION = "SELECT " + IN_COLUMNS + " FROM messages_in"
      + " WHERE connection_id = ? AND (received_at, id) %1$s (?, ?)"
      + " UNION ALL SELECT id, connection_id, 0, text, created_at, status, NULL, NULL,"
      + " failure_reason FROM messages_out WHERE connection_id = ? AND kind = 'text'"
      + " AND (created_at, id) %1$s (?, ?)";
  private static final String BEFORE = "SELECT * FROM (" + String.format(UNION, "<")
      + ") ORDER BY at DESC, id DESC LIMIT ?";
  private static final String AFTER = "SELECT * FROM (" + String.format(UNION, ">")
      + ") ORDER BY at, id LIMIT ?";

  private final Database db;

  public HistoryReadModel(Database db) {
    this.db = db;
  }

  @Override
  public Optional<HistoryEntry> incoming(String messageId)
      throws io.parley.agent.store.StoreException {
    return read(tx -> tx.sql().one("SELECT " + IN_COLUMNS + " FROM messages_in WHERE id = ?",
        HistoryReadModel::entry, messageId));
  }

  @Override
  public List<HistoryEntry> latest(String connectionId, int limit)
      throws io.parley.agent.store.StoreException {
    return read(tx -> before(tx.sql(), connectionId, Long.MAX_VALUE, "", limit));
  }

  @Override
  public Optional<List<HistoryEntry>> before(String connectionId, String messageId, int limit)
      throws io.parley.agent.store.StoreException {
    return read(tx -> {
      OptionalLong at = timeOf(tx.sql(), connectionId, messageId);
      return at.isEmpty() ? Optional.empty()
          : Optional.of(before(tx.sql(), connectionId, at.getAsLong(), messageId, limit));
    });
  }

  @Override
  public Optional<List<HistoryEntry>> after(String connectionId, String messageId, int limit)
      throws io.parley.agent.store.StoreException {
    return read(tx -> {
      OptionalLong at = timeOf(tx.sql(), connectionId, messageId);
      return at.isEmpty() ? Optional.empty()
          : Optional.of(tx.sql().list(AFTER, HistoryReadModel::entry, connectionId,
              at.getAsLong(), messageId, connectionId, at.getAsLong(), messageId, page(limit)));
    });
  }

  private <T> T read(StoreQuery<T> query) throws io.parley.agent.store.StoreException {
    try {
      return db.read(query);
    } catch (StoreException e) {
      throw HostErrors.toHost(e);
    }
  }

  private static OptionalLong timeOf(Sql sql, String connectionId, String messageId)
      throws StoreException {
    return sql.one("SELECT received_at FROM messages_in WHERE connection_id = ? AND id = ?"
        + " UNION ALL SELECT created_at FROM messages_out WHERE connection_id = ? AND id = ?"
        + " AND kind = 'text'", rs -> rs.getLong(1), connectionId, messageId, connectionId,
        messageId).map(OptionalLong::of).orElse(OptionalLong.empty());
  }

  private static List<HistoryEntry> before(Sql sql, String connectionId, long at, String id,
      int limit) throws StoreException {
    List<HistoryEntry> rows = new ArrayList<>(sql.list(BEFORE, HistoryReadModel::entry,
        connectionId, at, id, connectionId, at, id, page(limit)));
    Collections.reverse(rows);
    return rows;
  }

  private static int page(int limit) {
    return Math.max(1, Math.min(limit, MAX_PAGE_SIZE));
  }

  private static HistoryEntry entry(ResultSet rs) throws SQLException {
    return new HistoryEntry(rs.getString("id"), rs.getString("connection_id"),
        rs.getInt("incoming") == 1, rs.getString("text"), rs.getLong("at"),
        rs.getString("state"), Sql.nullableLong(rs, "skipped_from"),
        Sql.nullableLong(rs, "skipped_to"), rs.getString("reason"));
  }
}

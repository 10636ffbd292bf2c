package io.parley.agent.internal.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * Received messages ({@code messages_in}) and their history pages in arrival order. Pages are
 * always returned oldest first; a page size is clamped to {@code 1..MAX_PAGE_SIZE}. Paging scans
 * the connection's rows through the time index (the API pages by time instead); it serves tests
 * and tools, not the message path. Obtained from {@link StoreTx}; not thread-safe.
 */
public final class InboxStore {
  /** Largest history page, so that one API call cannot load a whole conversation. */
  public static final int MAX_PAGE_SIZE = 500;

  private static final String TABLE = "messages_in";
  private static final String COLUMNS = "id, connection_id, agent_msg_id, text, integrity,"
      + " skipped_from, skipped_to, msg_hash, received_at";

  private final Sql sql;

  InboxStore(Sql sql) {
    this.sql = sql;
  }

  /**
   * Stores a message. Keeping a message out twice is the receiver's job, not an index's: the
   * ratchet state that decrypted it commits in the same unit, so a redelivered copy is a
   * duplicate that never gets here (schema V0004 says why the index went).
   */
  public void insert(InMessageRow r) throws StoreException {
    sql.update("INSERT INTO messages_in (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        r.id(), r.connectionId(), r.agentMsgId(), r.text(), r.integrity(), r.skippedFrom(),
        r.skippedTo(), r.msgHash(), r.receivedAt());
  }

  public InMessageRow get(String id) throws StoreException {
    return sql.one("SELECT " + COLUMNS + " FROM messages_in WHERE id = ?", InboxStore::map, id)
        .orElseThrow(() -> new RowNotFoundException(TABLE));
  }

  /** The newest {@code limit} messages of the connection. */
  public List<InMessageRow> latest(String connectionId, int limit) throws StoreException {
    return sql.list("SELECT * FROM (SELECT seq, " + COLUMNS + " FROM messages_in"
        + " WHERE connection_id = ? ORDER BY seq DESC LIMIT ?) ORDER BY seq",
        InboxStore::map, connectionId, clamp(limit));
  }

  /**
   * The {@code limit} messages received just before message {@code messageId}.
   *
   * @throws RowNotFoundException if that message is not one of this connection's
   */
  public List<InMessageRow> before(String connectionId, String messageId, int limit)
      throws StoreException {
    long seq = seqOf(connectionId, messageId);
    return sql.list("SELECT * FROM (SELECT seq, " + COLUMNS + " FROM messages_in"
        + " WHERE connection_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?) ORDER BY seq",
        InboxStore::map, connectionId, seq, clamp(limit));
  }

  /**
   * The {@code limit} messages received just after message {@code messageId}.
   *
   * @throws RowNotFoundException if that message is not one of this connection's
   */
  public List<InMessageRow> after(String connectionId, String messageId, int limit)
      throws StoreException {
    long seq = seqOf(connectionId, messageId);
    return sql.list("SELECT " + COLUMNS + " FROM messages_in"
        + " WHERE connection_id = ? AND seq > ? ORDER BY seq LIMIT ?",
        InboxStore::map, connectionId, seq, clamp(limit));
  }

  private long seqOf(String connectionId, String messageId) throws StoreException {
    return sql.one("SELECT seq FROM messages_in WHERE id = ? AND connection_id = ?",
        rs -> rs.getLong(1), messageId, connectionId)
        .orElseThrow(() -> new RowNotFoundException(TABLE));
  }

  private static int clamp(int limit) {
    return Math.max(1, Math.min(limit, MAX_PAGE_SIZE));
  }

  private static InMessageRow map(ResultSet rs) throws SQLException, StoreException {
    return new InMessageRow(
        rs.getString("id"),
        rs.getString("connection_id"),
        rs.getLong("agent_msg_id"),
        rs.getString("text"),
        Sql.enumColumn(rs, "integrity", MsgIntegrity.class),
        Sql.nullableLong(rs, "skipped_from"),
        Sql.nullableLong(rs, "skipped_to"),
        rs.getBytes("msg_hash"),
        rs.getLong("received_at"));
  }
}

package io.parley.daemon.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The outbox ({@code messages_out}) and its timeline ({@code message_status}). Every status
 * change writes a timeline row stamped by the store clock. Transitions only go forward: the
 * {@code mark*} methods return false, and change nothing, when the message is missing or already
 * past the state they expect. Obtained from {@link StoreTx}; not thread-safe.
 */
public final class OutboxStore {
  private static final String TABLE = "messages_out";
  private static final String COLUMNS = "id, connection_id, agent_msg_id, kind, text, payload,"
      + " msg_hash, status, failure_reason, attempts, next_attempt_at, created_at, sent_at,"
      + " delivered_at, idempotency_key";

  private final Sql sql;
  private final Clock clock;

  OutboxStore(Sql sql, Clock clock) {
    this.sql = sql;
    this.clock = clock;
  }

  /**
   * Adds a message and the first timeline row. A second message with the same idempotency key
   * on the same connection is refused with {@link StoreException}; look it up first with
   * {@link #findByIdempotencyKey} in the same unit to return the original instead.
   */
  public void insert(OutMessageRow r) throws StoreException {
    sql.update("INSERT INTO messages_out (" + COLUMNS + ")"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        r.id(), r.connectionId(), r.agentMsgId(), r.kind(), r.text(), r.payload(), r.msgHash(),
        r.status(), r.failureReason(), r.attempts(), r.nextAttemptAt(), r.createdAt(),
        r.sentAt(), r.deliveredAt(), r.idempotencyKey());
  }

  public Optional<OutMessageRow> find(String id) throws StoreException {
    return sql.one("SELECT " + COLUMNS + " FROM messages_out WHERE id = ?",
        OutboxStore::map, id);
  }

  /** Like {@link #find} but a missing message is a {@link RowNotFoundException}. */
  public OutMessageRow get(String id) throws StoreException {
    return find(id).orElseThrow(() -> new RowNotFoundException(TABLE));
  }

  public Optional<OutMessageRow> findByIdempotencyKey(String connectionId, String key)
      throws StoreException {
    return sql.one("SELECT " + COLUMNS + " FROM messages_out"
        + " WHERE connection_id = ? AND idempotency_key = ?", OutboxStore::map,
        connectionId, key);
  }

  /**
   * Queued messages due at {@code now}, earliest due first, at most {@code limit}. Only the
   * head of each connection's queue is returned: a message waits while an earlier message of
   * its connection is still queued, because the peer must receive them in sequence.
   *
   * @param now UNIT: epoch milliseconds
   */
  public List<OutMessageRow> nextDue(long now, int limit) throws StoreException {
    return sql.list("SELECT " + COLUMNS + " FROM messages_out m"
        + " WHERE m.status = 'queued' AND m.next_attempt_at <= ?"
        + " AND NOT EXISTS (SELECT 1 FROM messages_out p WHERE p.status = 'queued'"
        + " AND p.connection_id = m.connection_id AND p.agent_msg_id < m.agent_msg_id)"
        + " ORDER BY m.next_attempt_at, m.created_at, m.agent_msg_id LIMIT ?",
        OutboxStore::map, now, limit);
  }

  /** queued -> sent: the relay accepted the SEND. */
  public boolean markSent(String id) throws StoreException {
    long now = clock.millis();
    return sql.update("UPDATE messages_out SET status = 'sent', sent_at = ?,"
        + " failure_reason = NULL WHERE id = ? AND status = 'queued'", now, id) > 0;
  }

  /** queued or sent -> delivered: the peer's receipt arrived (it may overtake the relay OK). */
  public boolean markDelivered(String id) throws StoreException {
    long now = clock.millis();
    return sql.update("UPDATE messages_out SET status = 'delivered', delivered_at = ?"
        + " WHERE id = ? AND status IN ('queued', 'sent')", now, id) > 0;
  }

  /** queued or sent -> failed, for good. */
  public boolean markFailed(String id, String reason) throws StoreException {
    long now = clock.millis();
    int changed = sql.update("UPDATE messages_out SET status = 'failed', failure_reason = ?"
        + " WHERE id = ? AND status IN ('queued', 'sent')", reason, id);
    return recorded(changed, id, OutMessageStatus.FAILED, reason, now);
  }

  /**
   * Counts a failed attempt and makes the message due again at {@code nextAttemptAt}; the
   * timeline gets a 'queued' row carrying {@code reason}.
   *
   * @param nextAttemptAt UNIT: epoch milliseconds
   */
  public boolean scheduleRetry(String id, long nextAttemptAt, String reason)
      throws StoreException {
    int changed = sql.update("UPDATE messages_out SET attempts = attempts + 1,"
        + " next_attempt_at = ?, failure_reason = ? WHERE id = ? AND status = 'queued'",
        nextAttemptAt, reason, id);
    return recorded(changed, id, OutMessageStatus.QUEUED, reason, clock.millis());
  }

  /**
   * The message's status changes, oldest first. The steps every message takes (queued, sent,
   * delivered) are the row's own timestamps; only changes that carry a reason (a retry, a
   * failure) have rows in {@code message_status}. Three fewer index inserts per message on the
   * hot path; a database written before that still has rows for every step, which are used as
   * they are.
   */
  public List<StatusChange> timeline(String id) throws StoreException {
    Optional<OutMessageRow> message = find(id);
    if (message.isEmpty()) {
      return List.of();
    }
    List<StatusChange> recorded = sql.list("SELECT status, reason, at FROM message_status"
        + " WHERE message_id = ? ORDER BY id", rs -> new StatusChange(
            Sql.enumColumn(rs, "status", OutMessageStatus.class),
            rs.getString("reason"),
            rs.getLong("at")), id);
    OutMessageRow m = message.get();
    List<StatusChange> out = new ArrayList<>();
    if (!hasStep(recorded, OutMessageStatus.QUEUED)) {
      out.add(new StatusChange(OutMessageStatus.QUEUED, null, m.createdAt()));
    }
    out.addAll(recorded);
    if (m.sentAt() != null && !hasStep(recorded, OutMessageStatus.SENT)) {
      out.add(new StatusChange(OutMessageStatus.SENT, null, m.sentAt()));
    }
    if (m.deliveredAt() != null && !hasStep(recorded, OutMessageStatus.DELIVERED)) {
      out.add(new StatusChange(OutMessageStatus.DELIVERED, null, m.deliveredAt()));
    }
    out.sort(Comparator.comparingLong(StatusChange::at)); // stable: ties keep this order
    return out;
  }

  /** Whether {@code recorded} holds the plain (reasonless) step to {@code status}. */
  private static boolean hasStep(List<StatusChange> recorded, OutMessageStatus status) {
    for (StatusChange c : recorded) {
      if (c.status() == status && c.reason() == null) {
        return true;
      }
    }
    return false;
  }

  private boolean recorded(int changed, String id, OutMessageStatus status, String reason,
      long at) throws StoreException {
    if (changed == 0) {
      return false;
    }
    timeline(id, status, reason, at);
    return true;
  }

  private void timeline(String id, OutMessageStatus status, String reason, long at)
      throws StoreException {
    sql.update("INSERT INTO message_status (message_id, status, reason, at) VALUES (?, ?, ?, ?)",
        id, status, reason, at);
  }

  private static OutMessageRow map(ResultSet rs) throws SQLException, StoreException {
    return new OutMessageRow(
        rs.getString("id"),
        rs.getString("connection_id"),
        rs.getLong("agent_msg_id"),
        Sql.enumColumn(rs, "kind", OutMessageKind.class),
        rs.getString("text"),
        rs.getBytes("payload"),
        rs.getBytes("msg_hash"),
        Sql.enumColumn(rs, "status", OutMessageStatus.class),
        rs.getString("failure_reason"),
        rs.getInt("attempts"),
        rs.getLong("next_attempt_at"),
        rs.getLong("created_at"),
        Sql.nullableLong(rs, "sent_at"),
        Sql.nullableLong(rs, "delivered_at"),
        rs.getString("idempotency_key"));
  }
}

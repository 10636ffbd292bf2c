package io.parley.agent.internal.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The outbox ({@code messages_out}), the payloads of its queued messages
 * ({@code outbox_payloads}) and its timeline ({@code message_status}). Every status change
 * writes a timeline row stamped by the store clock. Transitions only go forward: the
 * {@code mark*} methods return false, and change nothing, when the message is missing or already
 * past the state they expect. A payload is kept only while its message may still be sent: it is
 * deleted when the relay accepts the message or it fails for good. Obtained from
 * {@link StoreTx}; not thread-safe.
 */
public final class OutboxStore {
  private static final String TABLE = "messages_out";
  private static final String COLUMNS = "id, connection_id, agent_msg_id, kind, text,"
      + " msg_hash, status, failure_reason, attempts, next_attempt_at, created_at, sent_at,"
      + " delivered_at, idempotency_key";
  /** Rows with their payload, if still kept; {@code m} is the outbox row. */
  private static final String SELECT = "SELECT m.id, m.connection_id, m.agent_msg_id, m.kind,"
      + " m.text, p.payload, m.msg_hash, m.status, m.failure_reason, m.attempts,"
      + " m.next_attempt_at, m.created_at, m.sent_at, m.delivered_at, m.idempotency_key"
      + " FROM messages_out m LEFT JOIN outbox_payloads p ON p.message_seq = m.seq";
  /** Deletes the payload of the message whose id is the parameter. */
  private static final String DROP_PAYLOAD = "DELETE FROM outbox_payloads"
      + " WHERE message_seq = (SELECT seq FROM messages_out WHERE id = ?)";
  /**
   * Deletes the payloads of messages that are settled: a message the peer's receipt marked
   * delivered before the relays' OKs arrived, and the daemon stopped in between. A message that
   * is only sent keeps its payload while copies of it may still go to other queues of the peer
   * (a connection with several queues; docs/agent.md section 2.1).
   */
  static final String DROP_SETTLED_PAYLOADS = "DELETE FROM outbox_payloads WHERE message_seq IN"
      + " (SELECT seq FROM messages_out WHERE status IN ('delivered', 'failed'))";

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
    long seq = sql.insertReturningKey("INSERT INTO messages_out (" + COLUMNS + ")"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq",
        r.id(), r.connectionId(), r.agentMsgId(), r.kind(), r.text(), r.msgHash(),
        r.status(), r.failureReason(), r.attempts(), r.nextAttemptAt(), r.createdAt(),
        r.sentAt(), r.deliveredAt(), r.idempotencyKey());
    if (r.payload() != null && r.status() == OutMessageStatus.QUEUED) {
      sql.update("INSERT INTO outbox_payloads (message_seq, payload) VALUES (?, ?)", seq,
          r.payload());
    }
  }

  /** The message, with its payload while it is queued (null after). */
  public Optional<OutMessageRow> find(String id) throws StoreException {
    return sql.one(SELECT + " WHERE m.id = ?", OutboxStore::map, id);
  }

  /** Like {@link #find} but a missing message is a {@link RowNotFoundException}. */
  public OutMessageRow get(String id) throws StoreException {
    return find(id).orElseThrow(() -> new RowNotFoundException(TABLE));
  }

  public Optional<OutMessageRow> findByIdempotencyKey(String connectionId, String key)
      throws StoreException {
    return sql.one(SELECT + " WHERE m.connection_id = ? AND m.idempotency_key = ?",
        OutboxStore::map, connectionId, key);
  }

  /**
   * queued -> sent: the relay accepted the SEND. The payload goes whatever the status was (a
   * receipt may have marked the message delivered first): it is never sent again.
   */
  public boolean markSent(String id) throws StoreException {
    return markSent(id, true);
  }

  /**
   * queued -> sent: a relay accepted one copy. With {@code dropPayload} false the payload stays
   * for the copies still to go to the peer's other queues; {@link #dropPayload} removes it once
   * none needs it.
   */
  public boolean markSent(String id, boolean dropPayload) throws StoreException {
    long now = clock.millis();
    if (dropPayload) {
      sql.update(DROP_PAYLOAD, id);
    }
    return sql.update("UPDATE messages_out SET status = 'sent', sent_at = ?,"
        + " failure_reason = NULL WHERE id = ? AND status = 'queued'", now, id) > 0;
  }

  /**
   * queued or sent -> delivered: the peer's receipt arrived (it may overtake the relay OK). Only
   * a text is ever delivered: a receipt covers a range of sending positions, receipts and
   * control messages among them, and the kind is checked in the same statement rather than by
   * reading each row first.
   */
  public boolean markDelivered(String id) throws StoreException {
    long now = clock.millis();
    return sql.update("UPDATE messages_out SET status = 'delivered', delivered_at = ?"
        + " WHERE id = ? AND kind = 'text' AND status IN ('queued', 'sent')", now, id) > 0;
  }


  /** Deletes a message's payload: no copy of it will be sent again. */
  public void dropPayload(String id) throws StoreException {
    sql.update(DROP_PAYLOAD, id);
  }

  /** queued or sent -> failed, for good; the payload goes. */
  public boolean markFailed(String id, String reason) throws StoreException {
    long now = clock.millis();
    sql.update(DROP_PAYLOAD, id);
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

package io.parley.agent.internal.store;

import io.parley.protocol.command.QueueMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Reads and writes {@code rcv_queues} and {@code snd_queues}. Updates stamp {@code updated_at}
 * from the store clock and fail with {@link RowNotFoundException} when the queue does not exist.
 * Obtained from {@link StoreTx}; not thread-safe.
 */
public final class QueueStore {
  private static final String RCV_TABLE = "rcv_queues";
  private static final String SND_TABLE = "snd_queues";
  private static final String RCV_COLUMNS = "id, connection_id, relay, recipient_id, sender_id,"
      + " rcv_auth_key, rcv_dh_key, delivery_key, e2e_key, e2e_peer_key, mode, status,"
      + " last_relay_msg_id, created_at, updated_at";
  private static final String SND_COLUMNS = "id, connection_id, relay, sender_id, snd_auth_key,"
      + " e2e_key, e2e_peer_key, status, created_at, updated_at";

  private final Sql sql;
  private final Clock clock;

  QueueStore(Sql sql, Clock clock) {
    this.sql = sql;
    this.clock = clock;
  }

  /** Inserts a receive queue (its {@code id} is ignored) and returns the new row id. */
  public long insertRcv(RcvQueueRow r) throws StoreException {
    return sql.insertReturningKey("INSERT INTO rcv_queues (connection_id, relay, recipient_id,"
            + " sender_id, rcv_auth_key, rcv_dh_key, delivery_key, e2e_key, e2e_peer_key, mode,"
            + " status, last_relay_msg_id, created_at, updated_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        r.connectionId(), r.relay(), r.recipientId(), r.senderId(), r.rcvAuthKey(),
        r.rcvDhKey(), r.deliveryKey(), r.e2eKey(), r.e2ePeerKey(), r.mode(), r.status(),
        r.lastRelayMsgId(), r.createdAt(), r.updatedAt());
  }

  public Optional<RcvQueueRow> findRcv(long id) throws StoreException {
    return sql.one("SELECT " + RCV_COLUMNS + " FROM rcv_queues WHERE id = ?",
        QueueStore::mapRcv, id);
  }

  /** The queue a relay message arrived on, identified as the relay names it. */
  public Optional<RcvQueueRow> findRcv(String relay, byte[] recipientId) throws StoreException {
    return sql.one("SELECT " + RCV_COLUMNS + " FROM rcv_queues"
        + " WHERE relay = ? AND recipient_id = ?", QueueStore::mapRcv, relay, recipientId);
  }

  public List<RcvQueueRow> rcvQueuesOf(String connectionId) throws StoreException {
    return sql.list("SELECT " + RCV_COLUMNS + " FROM rcv_queues WHERE connection_id = ?"
        + " ORDER BY id", QueueStore::mapRcv, connectionId);
  }

  /** Every receive queue of every connection, in one query: what start loads. */
  public List<RcvQueueRow> allRcvQueues() throws StoreException {
    return sql.list("SELECT " + RCV_COLUMNS + " FROM rcv_queues ORDER BY id",
        QueueStore::mapRcv);
  }

  /** Every send queue of every connection, in one query: what start loads. */
  public List<SndQueueRow> allSndQueues() throws StoreException {
    return sql.list("SELECT " + SND_COLUMNS + " FROM snd_queues ORDER BY id",
        QueueStore::mapSnd);
  }

  /** Every receive queue not marked deleted, grouped by relay: what to subscribe at start. */
  public List<RcvQueueRow> liveRcvQueues() throws StoreException {
    return sql.list("SELECT " + RCV_COLUMNS + " FROM rcv_queues WHERE status <> 'deleted'"
        + " ORDER BY relay, id", QueueStore::mapRcv);
  }

  public void setRcvStatus(long id, RcvQueueStatus status) throws StoreException {
    expectOne(RCV_TABLE, sql.update("UPDATE rcv_queues SET status = ?, updated_at = ?"
        + " WHERE id = ?", status, clock.millis(), id));
  }

  /** Stores the sender's e2e public key from its confirmation and marks the queue confirmed. */
  public void confirmRcv(long id, byte[] e2ePeerKey) throws StoreException {
    expectOne(RCV_TABLE, sql.update("UPDATE rcv_queues SET e2e_peer_key = ?, status = ?,"
        + " updated_at = ? WHERE id = ?",
        e2ePeerKey, RcvQueueStatus.CONFIRMED, clock.millis(), id));
  }

  /** Remembers the relay message id just stored, so that its redelivery is recognised. */
  public void setLastRelayMsgId(long id, byte[] relayMsgId) throws StoreException {
    expectOne(RCV_TABLE, sql.update("UPDATE rcv_queues SET last_relay_msg_id = ?,"
        + " updated_at = ? WHERE id = ?", relayMsgId, clock.millis(), id));
  }

  public boolean deleteRcv(long id) throws StoreException {
    return sql.update("DELETE FROM rcv_queues WHERE id = ?", id) == 1;
  }

  /** Inserts a send queue (its {@code id} is ignored) and returns the new row id. */
  public long insertSnd(SndQueueRow r) throws StoreException {
    return sql.insertReturningKey("INSERT INTO snd_queues (connection_id, relay, sender_id,"
            + " snd_auth_key, e2e_key, e2e_peer_key, status, created_at, updated_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        r.connectionId(), r.relay(), r.senderId(), r.sndAuthKey(), r.e2eKey(), r.e2ePeerKey(),
        r.status(), r.createdAt(), r.updatedAt());
  }

  public Optional<SndQueueRow> findSnd(long id) throws StoreException {
    return sql.one("SELECT " + SND_COLUMNS + " FROM snd_queues WHERE id = ?",
        QueueStore::mapSnd, id);
  }

  public List<SndQueueRow> sndQueuesOf(String connectionId) throws StoreException {
    return sql.list("SELECT " + SND_COLUMNS + " FROM snd_queues WHERE connection_id = ?"
        + " ORDER BY id", QueueStore::mapSnd, connectionId);
  }

  public void setSndStatus(long id, SndQueueStatus status) throws StoreException {
    expectOne(SND_TABLE, sql.update("UPDATE snd_queues SET status = ?, updated_at = ?"
        + " WHERE id = ?", status, clock.millis(), id));
  }

  public boolean deleteSnd(long id) throws StoreException {
    return sql.update("DELETE FROM snd_queues WHERE id = ?", id) == 1;
  }

  /** Records a rotation step of a receive queue (replacing any earlier one of that queue). */
  public void putRcvRotation(RcvRotation r) throws StoreException {
    sql.update("INSERT OR REPLACE INTO rcv_rotations (queue_id, connection_id, state, replaces,"
        + " created_at) VALUES (?, ?, ?, ?, ?)", r.queueId(), r.connectionId(), r.state().label(),
        r.replaces(), clock.millis());
  }

  public void deleteRcvRotation(long queueId) throws StoreException {
    sql.update("DELETE FROM rcv_rotations WHERE queue_id = ?", queueId);
  }

  /** Every receive queue rotation in progress, of every connection. */
  public List<RcvRotation> rcvRotations() throws StoreException {
    return sql.list("SELECT queue_id, connection_id, state, replaces FROM rcv_rotations"
        + " ORDER BY queue_id", rs -> new RcvRotation(rs.getLong("queue_id"),
            rs.getString("connection_id"), RcvRotation.State.of(rs.getString("state")),
            Sql.nullableLong(rs, "replaces")));
  }

  /** One connection's receive queue rotations in progress. */
  public List<RcvRotation> rcvRotationsOf(String connectionId) throws StoreException {
    return sql.list("SELECT queue_id, connection_id, state, replaces FROM rcv_rotations"
        + " WHERE connection_id = ? ORDER BY queue_id", rs -> new RcvRotation(
            rs.getLong("queue_id"), rs.getString("connection_id"),
            RcvRotation.State.of(rs.getString("state")), Sql.nullableLong(rs, "replaces")),
        connectionId);
  }

  /** Marks a send queue added by the peer's QADD whose QUSE is not sealed yet. */
  public void putSndRotation(long queueId, String connectionId) throws StoreException {
    sql.update("INSERT OR REPLACE INTO snd_rotations (queue_id, connection_id, created_at)"
        + " VALUES (?, ?, ?)", queueId, connectionId, clock.millis());
  }

  public void deleteSndRotation(long queueId) throws StoreException {
    sql.update("DELETE FROM snd_rotations WHERE queue_id = ?", queueId);
  }

  /** Send queues whose QUSE is still to be sealed (the agent stopped in between). */
  public List<Long> sndRotations() throws StoreException {
    return sql.list("SELECT queue_id FROM snd_rotations ORDER BY queue_id",
        rs -> rs.getLong("queue_id"));
  }

  private static void expectOne(String table, int changed) throws RowNotFoundException {
    if (changed != 1) {
      throw new RowNotFoundException(table);
    }
  }

  private static RcvQueueRow mapRcv(ResultSet rs) throws SQLException, StoreException {
    return new RcvQueueRow(
        rs.getLong("id"),
        rs.getString("connection_id"),
        rs.getString("relay"),
        rs.getBytes("recipient_id"),
        rs.getBytes("sender_id"),
        rs.getBytes("rcv_auth_key"),
        rs.getBytes("rcv_dh_key"),
        rs.getBytes("delivery_key"),
        rs.getBytes("e2e_key"),
        rs.getBytes("e2e_peer_key"),
        Sql.enumColumn(rs, "mode", QueueMode.class),
        Sql.enumColumn(rs, "status", RcvQueueStatus.class),
        rs.getBytes("last_relay_msg_id"),
        rs.getLong("created_at"),
        rs.getLong("updated_at"));
  }

  private static SndQueueRow mapSnd(ResultSet rs) throws SQLException, StoreException {
    return new SndQueueRow(
        rs.getLong("id"),
        rs.getString("connection_id"),
        rs.getString("relay"),
        rs.getBytes("sender_id"),
        rs.getBytes("snd_auth_key"),
        rs.getBytes("e2e_key"),
        rs.getBytes("e2e_peer_key"),
        Sql.enumColumn(rs, "status", SndQueueStatus.class),
        rs.getLong("created_at"),
        rs.getLong("updated_at"));
  }
}

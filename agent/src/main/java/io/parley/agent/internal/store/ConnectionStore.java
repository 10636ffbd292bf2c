package io.parley.agent.internal.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Reads and writes {@code connections}. Updates stamp {@code updated_at} from the store clock and
 * fail with {@link RowNotFoundException} when the connection does not exist. Obtained from
 * {@link StoreTx}; not thread-safe.
 */
public final class ConnectionStore {
  private static final String TABLE = "connections";
  private static final String COLUMNS = "id, alias, status, role, via_contact_address, ratchet,"
      + " own_x3dh, peer_ratchet_keys, security_code, invitation, snd_last_msg_id,"
      + " snd_last_hash, rcv_last_msg_id, rcv_last_hash, created_at, updated_at, profile_id, peer_profile";

  private final Sql sql;
  private final Clock clock;

  ConnectionStore(Sql sql, Clock clock) {
    this.sql = sql;
    this.clock = clock;
  }

  public void insert(ConnectionRow r) throws StoreException {
    sql.update("INSERT INTO connections (" + COLUMNS + ")"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        r.id(), r.alias(), r.status(), r.role(), r.viaContactAddress(), r.ratchet(),
        r.ownX3dh(), r.peerRatchetKeys(), r.securityCode(), r.invitation(), r.sndLastMsgId(),
        r.sndLastHash(), r.rcvLastMsgId(), r.rcvLastHash(), r.createdAt(), r.updatedAt(),
        r.profileId(), r.peerProfile());
  }

  public Optional<ConnectionRow> find(String id) throws StoreException {
    return sql.one("SELECT " + COLUMNS + " FROM connections WHERE id = ?",
        ConnectionStore::map, id);
  }

  /** Like {@link #find} but a missing connection is a {@link RowNotFoundException}. */
  public ConnectionRow get(String id) throws StoreException {
    return find(id).orElseThrow(() -> new RowNotFoundException(TABLE));
  }

  /** The ids of every connection of a profile, deleted ones included. */
  public List<String> idsOfProfile(String profileId) throws StoreException {
    return sql.list("SELECT id FROM connections WHERE profile_id = ?", rs -> rs.getString(1),
        profileId);
  }

  /** Every connection not marked deleted, oldest first. */
  public List<ConnectionRow> list() throws StoreException {
    return sql.list("SELECT " + COLUMNS + " FROM connections WHERE status <> 'deleted'"
        + " ORDER BY created_at, id", ConnectionStore::map);
  }

  /**
   * Writes every mutable column of {@code r} (all but id, role, created_at and profile_id),
   * except that null peer ratchet keys keep the stored ones: an established connection's row
   * in memory leaves them out ({@link ConnectionRow#forMemory}), and nothing ever clears them.
   */
  public void update(ConnectionRow r) throws StoreException {
    expectOne(sql.update("UPDATE connections SET alias = ?, status = ?, via_contact_address = ?,"
            + " ratchet = ?, own_x3dh = ?, peer_ratchet_keys = COALESCE(?, peer_ratchet_keys),"
            + " security_code = ?, invitation = ?, snd_last_msg_id = ?, snd_last_hash = ?,"
            + " rcv_last_msg_id = ?, rcv_last_hash = ?, peer_profile = ?, updated_at = ?"
            + " WHERE id = ?",
        r.alias(), r.status(), r.viaContactAddress(), r.ratchet(), r.ownX3dh(),
        r.peerRatchetKeys(), r.securityCode(), r.invitation(), r.sndLastMsgId(),
        r.sndLastHash(), r.rcvLastMsgId(), r.rcvLastHash(), r.peerProfile(), clock.millis(),
        r.id()));
  }

  public void setStatus(String id, ConnectionStatus status) throws StoreException {
    expectOne(sql.update("UPDATE connections SET status = ?, updated_at = ? WHERE id = ?",
        status, clock.millis(), id));
  }

  public void setAlias(String id, String alias) throws StoreException {
    expectOne(sql.update("UPDATE connections SET alias = ?, updated_at = ? WHERE id = ?",
        alias, clock.millis(), id));
  }

  /** Stores a ratchet state advanced by something other than a message (e.g. a DH step). */
  public void setRatchet(String id, byte[] ratchet) throws StoreException {
    expectOne(sql.update("UPDATE connections SET ratchet = ?, updated_at = ? WHERE id = ?",
        ratchet, clock.millis(), id));
  }

  /**
   * Records that message {@code msgId} with hash {@code msgHash} was encrypted for sending with
   * the ratchet now in state {@code ratchet}; call it in the unit that enqueues that message.
   */
  public void advanceSending(String id, long msgId, byte[] msgHash, byte[] ratchet)
      throws StoreException {
    expectOne(sql.update("UPDATE connections SET snd_last_msg_id = ?, snd_last_hash = ?,"
        + " ratchet = ?, updated_at = ? WHERE id = ?",
        msgId, msgHash, ratchet, clock.millis(), id));
  }

  /**
   * Records that message {@code msgId} with hash {@code msgHash} was received and decrypted,
   * leaving the ratchet in state {@code ratchet}; call it in the unit that stores the message.
   */
  public void advanceReceiving(String id, long msgId, byte[] msgHash, byte[] ratchet)
      throws StoreException {
    expectOne(sql.update("UPDATE connections SET rcv_last_msg_id = ?, rcv_last_hash = ?,"
        + " ratchet = ?, updated_at = ? WHERE id = ?",
        msgId, msgHash, ratchet, clock.millis(), id));
  }

  /**
   * Removes the connection with its queues, keys and messages, and returns whether it existed.
   * The writer runs with {@code secure_delete = FAST}, which zeroes deleted content inside the
   * pages it writes anyway (an updated ratchet, a sent payload) but leaves whatever is on a page
   * that becomes free. A deletion frees whole pages of a conversation, so it runs with
   * {@code secure_delete = ON}, which overwrites those pages too.
   */
  public boolean delete(String id) throws StoreException {
    Connection c = sql.connection();
    SqliteFiles.exec(c, "PRAGMA secure_delete = ON");
    try {
      return sql.update("DELETE FROM connections WHERE id = ?", id) == 1;
    } finally {
      SqliteFiles.exec(c, "PRAGMA secure_delete = " + SqliteFiles.HOT_PATH_SECURE_DELETE);
    }
  }

  private static void expectOne(int changed) throws RowNotFoundException {
    if (changed != 1) {
      throw new RowNotFoundException(TABLE);
    }
  }

  private static ConnectionRow map(ResultSet rs) throws SQLException, StoreException {
    return new ConnectionRow(
        rs.getString("id"),
        rs.getString("alias"),
        Sql.enumColumn(rs, "status", ConnectionStatus.class),
        Sql.enumColumn(rs, "role", ConnectionRole.class),
        Sql.bool(rs, "via_contact_address"),
        rs.getBytes("ratchet"),
        rs.getBytes("own_x3dh"),
        rs.getBytes("peer_ratchet_keys"),
        rs.getString("security_code"),
        rs.getString("invitation"),
        rs.getLong("snd_last_msg_id"),
        rs.getBytes("snd_last_hash"),
        rs.getLong("rcv_last_msg_id"),
        rs.getBytes("rcv_last_hash"),
        rs.getLong("created_at"),
        rs.getLong("updated_at"),
        rs.getString("profile_id"),
        rs.getString("peer_profile"));
  }
}

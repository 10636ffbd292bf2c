package io.parley.agent.internal.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Reads and writes {@code ratchet_changes} (V0007). Obtained from {@link StoreTx}; not
 * thread-safe.
 */
public final class RatchetChangeStore {
  private static final String COLUMNS = "connection_id, link_keys, link_secret, link_handle,"
      + " other_ratchet, other_is_next, sync_keys, resync_code, last_peer_sync, last_opened_link";

  private final Sql sql;

  RatchetChangeStore(Sql sql) {
    this.sql = sql;
  }

  public Optional<RatchetChangeRow> find(String connectionId) throws StoreException {
    return sql.one("SELECT " + COLUMNS + " FROM ratchet_changes WHERE connection_id = ?",
        RatchetChangeStore::map, connectionId);
  }

  /** Every connection's row, in one query: what start loads. */
  public List<RatchetChangeRow> all() throws StoreException {
    return sql.list("SELECT " + COLUMNS + " FROM ratchet_changes", RatchetChangeStore::map);
  }

  /** Inserts or replaces the connection's row. */
  public void put(RatchetChangeRow r) throws StoreException {
    sql.update("INSERT OR REPLACE INTO ratchet_changes (" + COLUMNS + ")"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        r.connectionId(), r.linkKeys(), r.linkSecret(), r.linkHandle(), r.otherRatchet(),
        r.otherIsNext(), r.syncKeys(), r.resyncCode(), r.lastPeerSync(), r.lastOpenedLink());
  }

  private static RatchetChangeRow map(ResultSet rs) throws SQLException, StoreException {
    return new RatchetChangeRow(rs.getString("connection_id"), rs.getBytes("link_keys"),
        rs.getBytes("link_secret"), rs.getBytes("link_handle"), rs.getBytes("other_ratchet"),
        Sql.bool(rs, "other_is_next"), rs.getBytes("sync_keys"), rs.getString("resync_code"),
        rs.getBytes("last_peer_sync"),
        rs.getBytes("last_opened_link"));
  }
}

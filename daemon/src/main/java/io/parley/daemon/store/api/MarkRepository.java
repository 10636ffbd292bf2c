package io.parley.daemon.store.api;

import io.parley.agent.store.StoreException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** The {@code connection_marks} table. Obtained from {@link ApiTx}; not thread-safe. */
public final class MarkRepository {
  private static final String COLUMNS = "connection_id, read_up_to, verified_at";

  private final Statements sql;
  private final Clock clock;

  MarkRepository(Statements sql, Clock clock) {
    this.sql = sql;
    this.clock = clock;
  }

  public MarkRow find(String profileId, String connectionId) throws StoreException {
    Optional<MarkRow> row = sql.one("SELECT " + COLUMNS + " FROM connection_marks"
        + " WHERE profile_id = ? AND connection_id = ?", MarkRepository::row, profileId,
        connectionId);
    return row.orElse(MarkRow.none(connectionId));
  }

  /** Every marked connection of a profile. */
  public List<MarkRow> list(String profileId) throws StoreException {
    return sql.list("SELECT " + COLUMNS + " FROM connection_marks WHERE profile_id = ?",
        MarkRepository::row, profileId);
  }

  /** Marks the connection read up to {@code messageId}. */
  public void read(String profileId, String connectionId, String messageId)
      throws StoreException {
    long now = clock.millis();
    sql.update("INSERT INTO connection_marks (profile_id, connection_id, read_up_to, updated_at)"
        + " VALUES (?, ?, ?, ?) ON CONFLICT (profile_id, connection_id) DO UPDATE SET"
        + " read_up_to = excluded.read_up_to, updated_at = excluded.updated_at",
        profileId, connectionId, messageId, now);
  }

  /** Marks the connection verified now, or clears the mark. */
  public void verified(String profileId, String connectionId, boolean verified)
      throws StoreException {
    long now = clock.millis();
    Long at = verified ? now : null;
    sql.update("INSERT INTO connection_marks (profile_id, connection_id, verified_at, updated_at)"
        + " VALUES (?, ?, ?, ?) ON CONFLICT (profile_id, connection_id) DO UPDATE SET"
        + " verified_at = excluded.verified_at, updated_at = excluded.updated_at",
        profileId, connectionId, at, now);
  }

  /** Deletes every mark of a profile (its deletion). */
  public int deleteOfProfile(String profileId) throws StoreException {
    return sql.update("DELETE FROM connection_marks WHERE profile_id = ?", profileId);
  }

  private static MarkRow row(ResultSet rs) throws SQLException {
    long at = rs.getLong("verified_at");
    Long verifiedAt = rs.wasNull() ? null : at;
    return new MarkRow(rs.getString("connection_id"), rs.getString("read_up_to"), verifiedAt);
  }
}

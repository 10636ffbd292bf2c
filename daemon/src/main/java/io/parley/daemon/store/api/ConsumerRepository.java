package io.parley.daemon.store.api;

import io.parley.agent.store.StoreException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** The {@code event_consumers} table. Obtained from {@link ApiTx}; not thread-safe. */
public final class ConsumerRepository {
  private static final String COLUMNS = "name, cursor, created_at, updated_at";

  private final Statements sql;
  private final Clock clock;

  ConsumerRepository(Statements sql, Clock clock) {
    this.sql = sql;
    this.clock = clock;
  }

  public Optional<ConsumerRow> find(String profileId, String name) throws StoreException {
    return sql.one("SELECT " + COLUMNS + " FROM event_consumers WHERE profile_id = ?"
        + " AND name = ?", ConsumerRepository::row, profileId, name);
  }

  /** Every consumer of a profile, by name. */
  public List<ConsumerRow> list(String profileId) throws StoreException {
    return sql.list("SELECT " + COLUMNS + " FROM event_consumers WHERE profile_id = ?"
        + " ORDER BY name", ConsumerRepository::row, profileId);
  }

  /**
   * Moves the consumer's cursor to {@code seq} if that is forward, creating the consumer if it
   * is new, and returns it. An older {@code seq} leaves the cursor where it is: acknowledgements
   * may arrive out of order from concurrent readers.
   */
  public ConsumerRow ack(String profileId, String name, long seq) throws StoreException {
    long now = clock.millis();
    sql.update("INSERT INTO event_consumers (profile_id, name, cursor, created_at, updated_at)"
        + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (profile_id, name) DO UPDATE SET"
        + " cursor = max(cursor, excluded.cursor), updated_at = excluded.updated_at",
        profileId, name, seq, now, now);
    return find(profileId, name)
        .orElseThrow(() -> new StoreException("consumer vanished on ack"));
  }

  /** Deletes a consumer of the profile; false if there was none. */
  public boolean delete(String profileId, String name) throws StoreException {
    return sql.update("DELETE FROM event_consumers WHERE profile_id = ? AND name = ?",
        profileId, name) > 0;
  }

  /** Deletes every consumer of a profile (its deletion). */
  public int deleteOfProfile(String profileId) throws StoreException {
    return sql.update("DELETE FROM event_consumers WHERE profile_id = ?", profileId);
  }

  private static ConsumerRow row(ResultSet rs) throws SQLException {
    return new ConsumerRow(rs.getString("name"), rs.getLong("cursor"),
        rs.getLong("created_at"), rs.getLong("updated_at"));
  }
}

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

  public Optional<ConsumerRow> find(String name) throws StoreException {
    return sql.one("SELECT " + COLUMNS + " FROM event_consumers WHERE name = ?",
        ConsumerRepository::row, name);
  }

  /** Every consumer, by name. */
  public List<ConsumerRow> list() throws StoreException {
    return sql.list("SELECT " + COLUMNS + " FROM event_consumers ORDER BY name",
        ConsumerRepository::row);
  }

  /**
   * Moves the consumer's cursor to {@code seq} if that is forward, creating the consumer if it
   * is new, and returns it. An older {@code seq} leaves the cursor where it is: acknowledgements
   * may arrive out of order from concurrent readers.
   */
  public ConsumerRow ack(String name, long seq) throws StoreException {
    long now = clock.millis();
    sql.update("INSERT INTO event_consumers (name, cursor, created_at, updated_at)"
        + " VALUES (?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET"
        + " cursor = max(cursor, excluded.cursor), updated_at = excluded.updated_at",
        name, seq, now, now);
    return find(name).orElseThrow(() -> new StoreException("consumer vanished on ack"));
  }

  /** Deletes a consumer; false if there was none. */
  public boolean delete(String name) throws StoreException {
    return sql.update("DELETE FROM event_consumers WHERE name = ?", name) > 0;
  }

  private static ConsumerRow row(ResultSet rs) throws SQLException {
    return new ConsumerRow(rs.getString("name"), rs.getLong("cursor"),
        rs.getLong("created_at"), rs.getLong("updated_at"));
  }
}

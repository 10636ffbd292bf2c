package io.parley.agent.internal.store;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The durable event log ({@code events}) that API consumers read and resume from by sequence
 * number. Append it in the same write unit as the change it reports, so an event exists exactly
 * when its change does. Obtained from {@link StoreTx}; not thread-safe.
 */
public final class EventStore {
  /** Largest page {@link #after} returns; bigger requests are cut to it. */
  public static final int MAX_PAGE_SIZE = 1_000;

  private static final String COLUMNS = "seq, type, time, connection_id, data, profile_id";

  private final Sql sql;
  private final Clock clock;
  /** Rows appended through this handle, in order; published once their unit commits. */
  private final List<EventRow> appended = new ArrayList<>();

  EventStore(Sql sql, Clock clock) {
    this.sql = sql;
    this.clock = clock;
  }

  /**
   * Appends an event stamped with the store clock and returns its sequence number. It belongs
   * to the profile of its connection (read in the same statement), or to every profile when
   * it names none.
   *
   * @param jsonData a JSON value (normally an object); invalid JSON is refused with
   *     {@link StoreException}
   */
  public long append(String type, String connectionId, String jsonData) throws StoreException {
    return append(type, connectionId, null, jsonData);
  }

  /**
   * Appends an event of {@code profileIdOrNull}'s stream (when null: of the connection's
   * profile, or every profile's for an event without a connection).
   */
  public long append(String type, String connectionId, String profileIdOrNull,
      String jsonData) throws StoreException {
    long time = clock.millis();
    EventRow row = sql.one("INSERT INTO events (type, time, connection_id, data, profile_id)"
        + " VALUES (?, ?, ?, ?, coalesce(?, (SELECT profile_id FROM connections WHERE id = ?)))"
        + " RETURNING seq, profile_id", rs -> new EventRow(rs.getLong(1), type, time,
            connectionId, jsonData, rs.getString(2)),
        type, time, connectionId, jsonData, profileIdOrNull, connectionId)
        .orElseThrow(() -> new StoreException("insert returned no key"));
    appended.add(row);
    return row.seq();
  }

  /** The rows appended through this handle so far. */
  List<EventRow> appended() {
    return appended;
  }

  /** Events with a sequence number above {@code seq}, in order, at most {@code limit}. */
  public List<EventRow> after(long seq, int limit) throws StoreException {
    int page = Math.max(1, Math.min(limit, MAX_PAGE_SIZE));
    return sql.list("SELECT " + COLUMNS + " FROM events WHERE seq > ? ORDER BY seq LIMIT ?",
        rs -> new EventRow(rs.getLong("seq"), rs.getString("type"), rs.getLong("time"),
            rs.getString("connection_id"), rs.getString("data"), rs.getString("profile_id")),
        seq, page);
  }

  /**
   * The oldest event still kept, or empty if the log is empty. A consumer resuming from a
   * sequence number below {@code oldestSeq() - 1} has missed events to retention.
   */
  public OptionalLong oldestSeq() throws StoreException {
    return sql.one("SELECT seq FROM events ORDER BY seq LIMIT 1", rs -> rs.getLong(1))
        .map(OptionalLong::of)
        .orElse(OptionalLong.empty());
  }

  /**
   * The highest sequence number ever assigned, 0 if none; it survives retention, so a consumer
   * can start "from now" even when the log is empty.
   */
  public long latestSeq() throws StoreException {
    return sql.one("SELECT seq FROM sqlite_sequence WHERE name = 'events'",
        rs -> rs.getLong(1)).orElse(0L);
  }

  /**
   * Retention: deletes the events older than {@code time} at the head of the log and returns
   * how many. The log is appended in time order, so the cut-off is found by a binary search
   * over sequence numbers (a few lookups by key, where a time index would cost every append a
   * page write). Should the clock have stepped back, an event inside the cut that is not yet
   * older than {@code time} is kept, and one after the cut waits for a later run.
   *
   * @param time UNIT: epoch milliseconds
   */
  public int deleteOlderThan(long time) throws StoreException {
    OptionalLong oldest = oldestSeq();
    if (oldest.isEmpty()) {
      return 0;
    }
    long lo = oldest.getAsLong();
    long hi = latestSeq();
    long cut = lo - 1;
    while (lo <= hi) {
      long mid = lo + (hi - lo) / 2;
      Optional<long[]> found = sql.one("SELECT seq, time FROM events WHERE seq >= ?"
          + " ORDER BY seq LIMIT 1", rs -> new long[] {rs.getLong(1), rs.getLong(2)}, mid);
      if (found.isPresent() && found.get()[1] < time) {
        cut = found.get()[0];
        lo = cut + 1;
      } else {
        hi = mid - 1;
      }
    }
    if (cut < oldest.getAsLong()) {
      return 0;
    }
    return sql.update("DELETE FROM events WHERE seq <= ? AND time < ?", cut, time);
  }
}

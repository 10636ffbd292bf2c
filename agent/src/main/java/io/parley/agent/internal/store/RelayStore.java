package io.parley.agent.internal.store;

import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;

/**
 * Relays added or retired through the API ({@code relays}), on top of the configured ones.
 * Obtained from {@link StoreTx}; not thread-safe.
 */
public final class RelayStore {
  /** What was done to a relay through the API. */
  public enum Change {
    ADDED,
    RETIRED
  }

  private final Sql sql;
  private final Clock clock;

  RelayStore(Sql sql, Clock clock) {
    this.sql = sql;
    this.clock = clock;
  }

  /** Every recorded change, by relay address. */
  public Map<String, Change> all() throws StoreException {
    Map<String, Change> out = new TreeMap<>();
    for (String[] row : sql.list("SELECT address, state FROM relays",
        rs -> new String[] {rs.getString("address"), rs.getString("state")})) {
      out.put(row[0], "added".equals(row[1]) ? Change.ADDED : Change.RETIRED);
    }
    return out;
  }

  /** Records that {@code address} was added or retired (replacing an earlier change). */
  public void record(String address, Change change) throws StoreException {
    sql.update("INSERT INTO relays (address, state, changed_at) VALUES (?, ?, ?)"
        + " ON CONFLICT (address) DO UPDATE SET state = excluded.state,"
        + " changed_at = excluded.changed_at",
        address, change == Change.ADDED ? "added" : "retired", clock.millis());
  }
}

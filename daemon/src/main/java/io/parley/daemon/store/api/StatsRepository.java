package io.parley.daemon.store.api;

import io.parley.agent.internal.store.StoreException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts for {@code GET /metrics}, each answered from an index. Obtained from {@link ApiTx};
 * not thread-safe.
 */
public final class StatsRepository {
  private final Statements sql;

  StatsRepository(Statements sql) {
    this.sql = sql;
  }

  /** Connections by status (pending, joining, established; deleted ones left out). */
  public Map<String, Long> connectionsByStatus() throws StoreException {
    Map<String, Long> out = new LinkedHashMap<>();
    for (String status : new String[] {"pending", "joining", "established"}) {
      out.put(status, 0L);
    }
    for (Object[] r : sql.list("SELECT status, count(*) FROM connections"
        + " WHERE status != 'deleted' GROUP BY status",
        rs -> new Object[] {rs.getString(1), rs.getLong(2)})) {
      out.put((String) r[0], (Long) r[1]);
    }
    return out;
  }

  /** Outgoing messages (texts, receipts, handshake steps) waiting for a relay to accept them. */
  public long queuedOutgoing() throws StoreException {
    return sql.count("SELECT count(*) FROM messages_out WHERE status = 'queued'");
  }

  /**
   * When the oldest still queued outgoing message was queued, or 0 if none is.
   * UNIT: epoch milliseconds.
   */
  public long oldestQueuedAt() throws StoreException {
    return sql.count("SELECT coalesce(min(created_at), 0) FROM messages_out"
        + " WHERE status = 'queued'");
  }

  /**
   * Events after {@code seq} of the given types (every type when {@code typesOrNull} is null):
   * what a webhook at that cursor still has to deliver.
   */
  public long eventsAfter(long seq, List<String> typesOrNull) throws StoreException {
    if (typesOrNull == null) {
      return sql.count("SELECT count(*) FROM events WHERE seq > ?", seq);
    }
    if (typesOrNull.isEmpty()) {
      return 0;
    }
    Object[] args = new Object[typesOrNull.size() + 1];
    args[0] = seq;
    for (int i = 0; i < typesOrNull.size(); i++) {
      args[i + 1] = typesOrNull.get(i);
    }
    String marks = String.join(", ", Collections.nCopies(typesOrNull.size(), "?"));
    return sql.count("SELECT count(*) FROM events WHERE seq > ? AND type IN (" + marks + ")",
        args);
  }

  /** Contact requests waiting for a decision. */
  public long pendingRequests() throws StoreException {
    return sql.count("SELECT count(*) FROM contact_requests WHERE status = 'pending'");
  }
}

package io.parley.agent.internal.store;

import io.parley.agent.readmodel.StoreStats;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@link StoreStats} on the agent's tables; each count is one read served by an index. */
public final class StatsReadModel implements StoreStats {
  private final Database db;

  public StatsReadModel(Database db) {
    this.db = db;
  }

  @Override
  public Map<String, Long> connectionsByStatus() throws io.parley.agent.store.StoreException {
    Map<String, Long> out = new LinkedHashMap<>();
    for (String status : new String[] {"pending", "joining", "established"}) {
      out.put(status, 0L);
    }
    for (Object[] r : read(tx -> tx.sql().list("SELECT status, count(*) FROM connections"
        + " WHERE status != 'deleted' GROUP BY status",
        rs -> new Object[] {rs.getString(1), rs.getLong(2)}))) {
      out.put((String) r[0], (Long) r[1]);
    }
    return out;
  }

  @Override
  public long queuedOutgoing() throws io.parley.agent.store.StoreException {
    return count("SELECT count(*) FROM messages_out WHERE status = 'queued'");
  }

  @Override
  public long oldestQueuedAt() throws io.parley.agent.store.StoreException {
    return count("SELECT coalesce(min(created_at), 0) FROM messages_out"
        + " WHERE status = 'queued'");
  }

  @Override
  public long pendingRequests() throws io.parley.agent.store.StoreException {
    return count("SELECT count(*) FROM contact_requests WHERE status = 'pending'");
  }

  @Override
  public long eventsAfter(long seq, List<String> typesOrNull)
      throws io.parley.agent.store.StoreException {
    return eventsAfter(seq, typesOrNull, null);
  }

  @Override
  public long eventsAfter(long seq, List<String> typesOrNull, String profileIdOrNull)
      throws io.parley.agent.store.StoreException {
    if (typesOrNull != null && typesOrNull.isEmpty()) {
      return 0;
    }
    List<Object> args = new java.util.ArrayList<>();
    args.add(seq);
    StringBuilder sql = new StringBuilder("SELECT count(*) FROM events WHERE seq > ?");
    if (typesOrNull != null) {
      sql.append(" AND type IN (")
          .append(String.join(", ", Collections.nCopies(typesOrNull.size(), "?"))).append(")");
      args.addAll(typesOrNull);
    }
    if (profileIdOrNull != null) {
      sql.append(" AND (profile_id IS NULL OR profile_id = ?)");
      args.add(profileIdOrNull);
    }
    return count(sql.toString(), args.toArray());
  }

  private long count(String sql, Object... args) throws io.parley.agent.store.StoreException {
    return read(tx -> tx.sql().one(sql, rs -> rs.getLong(1), args).orElse(0L));
  }

  private <T> T read(StoreQuery<T> query) throws io.parley.agent.store.StoreException {
    try {
      return db.read(query);
    } catch (StoreException e) {
      throw HostErrors.toHost(e);
    }
  }
}

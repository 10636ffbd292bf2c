package io.parley.daemon.agent.state;

import io.parley.daemon.store.Database;
import io.parley.daemon.store.StoreException;
import io.parley.daemon.store.StoreQuery;
import io.parley.daemon.store.StoreTransaction;
import java.util.concurrent.CompletableFuture;

/**
 * The agent's door to its database. The events a write appends reach the dispatcher from the
 * store as they commit. Thread-safe.
 */
public final class AgentStore {
  private final Database db;

  public AgentStore(Database db) {
    this.db = db;
  }

  /**
   * Queues a write unit (see {@link Database#write}); units commit in the order they were
   * queued. The future completes on the store's completion thread: hand slow work elsewhere.
   */
  public <T> CompletableFuture<T> write(StoreTransaction<T> unit) {
    return db.write(unit);
  }

  /** Runs a read on the calling thread against the last committed state. */
  public <T> T read(StoreQuery<T> query) throws StoreException {
    return db.read(query);
  }
}

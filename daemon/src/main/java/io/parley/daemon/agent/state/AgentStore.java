package io.parley.daemon.agent.state;

import io.parley.daemon.agent.events.EventDispatcher;
import io.parley.daemon.store.Database;
import io.parley.daemon.store.StoreException;
import io.parley.daemon.store.StoreQuery;
import io.parley.daemon.store.StoreTransaction;
import java.util.concurrent.CompletableFuture;

/**
 * The agent's door to its database: every write goes through here so that, once it commits,
 * the event dispatcher looks for the events it may have appended. Thread-safe.
 */
public final class AgentStore {
  private final Database db;
  private final EventDispatcher dispatcher;

  public AgentStore(Database db, EventDispatcher dispatcher) {
    this.db = db;
    this.dispatcher = dispatcher;
  }

  /**
   * Queues a write unit (see {@link Database#write}); units commit in the order they were
   * queued. The future completes on the store's completion thread: hand slow work elsewhere.
   */
  public <T> CompletableFuture<T> write(StoreTransaction<T> unit) {
    CompletableFuture<T> f = db.write(unit);
    f.whenComplete((r, e) -> dispatcher.signal());
    return f;
  }

  /** Runs a read on the calling thread against the last committed state. */
  public <T> T read(StoreQuery<T> query) throws StoreException {
    return db.read(query);
  }
}

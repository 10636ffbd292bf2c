package io.parley.agent.internal.events;

import io.parley.agent.event.AgentEvent;
import io.parley.agent.internal.store.Database;
import io.parley.agent.internal.store.EventRow;
import io.parley.agent.internal.store.EventStore;
import io.parley.agent.internal.store.StoreException;
import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Hands committed events to in-process listeners, in sequence order, on one dispatcher thread.
 * The store hands over each commit's events as it commits them, so listeners see exactly what
 * is durable, without reading it back; should a sequence number ever be missing from what was
 * handed over, the dispatcher reads the log from the last event it delivered, so listeners
 * still see every event in the order consumers of {@code eventsAfter} see them. A slow listener
 * delays later events, never the agent. Thread-safe.
 */
public final class EventDispatcher implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(EventDispatcher.class.getName());
  /** Events read per round. */
  private static final int PAGE = EventStore.MAX_PAGE_SIZE;

  private final Database db;
  private final List<Consumer<AgentEvent>> listeners = new CopyOnWriteArrayList<>();
  private final Thread thread;
  private long delivered; // dispatcher thread only, after construction
  private final ArrayDeque<EventRow> committed = new ArrayDeque<>(); // guarded by this
  private boolean closed; // guarded by this

  /** Starts after the newest event already in the log: listeners get only new ones. */
  public EventDispatcher(Database db, String name) throws StoreException {
    this.db = db;
    // Listen first: an event committed in between is handed over and then skipped as old.
    db.onCommittedEvents(this::offer);
    this.delivered = db.read(tx -> tx.events().latestSeq());
    this.thread = new Thread(this::run, name);
    this.thread.setDaemon(true);
    this.thread.start();
  }

  /** Adds {@code listener}; adding the same one twice makes it called twice per event. */
  public void addListener(Consumer<AgentEvent> listener) {
    listeners.add(listener);
  }

  /**
   * Removes one registration of {@code listener} (compared with {@code equals}). It gets no
   * event after the one being handed out as it is removed; removed from inside its own call,
   * it gets no further event at all.
   *
   * @return whether it was registered
   */
  public boolean removeListener(Consumer<AgentEvent> listener) {
    return listeners.remove(listener);
  }

  /** Events one commit made durable, in sequence order; called by the store's writer. */
  private synchronized void offer(List<EventRow> rows) {
    committed.addAll(rows);
    notifyAll();
  }

  /** Delivers what is committed so far, then stops the thread. */
  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      notifyAll();
    }
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    while (true) {
      List<EventRow> rows;
      boolean last;
      synchronized (this) {
        while (committed.isEmpty() && !closed) {
          try {
            wait();
          } catch (InterruptedException e) {
            return;
          }
        }
        rows = new ArrayList<>(committed);
        committed.clear();
        last = closed;
      }
      for (EventRow row : rows) {
        if (row.seq() > delivered + 1) {
          drain(); // a gap: whatever it holds is in the log
        }
        if (row.seq() == delivered + 1) {
          deliver(row);
        }
      }
      if (last) {
        drain(); // whatever committed before close that was not handed over yet
        return;
      }
    }
  }

  private void deliver(EventRow row) {
    AgentEvent event = EventLog.toEvent(row);
    for (Consumer<AgentEvent> l : listeners) {
      try {
        l.accept(event);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "event listener failed on " + row.type(), e);
      }
    }
    delivered = row.seq();
  }

  private void drain() {
    while (true) {
      List<EventRow> rows;
      try {
        rows = db.read(tx -> tx.events().after(delivered, PAGE));
      } catch (StoreException e) {
        LOG.log(Level.WARNING, "cannot read the event log: " + e.getMessage());
        return;
      }
      for (EventRow row : rows) {
        deliver(row);
      }
      if (rows.size() < PAGE) {
        return;
      }
    }
  }
}

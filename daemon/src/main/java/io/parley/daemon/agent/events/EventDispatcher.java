package io.parley.daemon.agent.events;

import io.parley.daemon.agent.AgentEvent;
import io.parley.daemon.store.Database;
import io.parley.daemon.store.EventRow;
import io.parley.daemon.store.EventStore;
import io.parley.daemon.store.StoreException;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Hands committed events to in-process listeners, in sequence order, on one dispatcher thread.
 * It reads the log itself rather than trusting callbacks of individual writes, so listeners see
 * exactly what is durable and in the order consumers of {@code eventsAfter} see it. A slow
 * listener delays later events, never the agent. Thread-safe.
 */
public final class EventDispatcher implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(EventDispatcher.class.getName());
  /** Events read per round. */
  private static final int PAGE = EventStore.MAX_PAGE_SIZE;

  private final Database db;
  private final List<Consumer<AgentEvent>> listeners = new CopyOnWriteArrayList<>();
  private final Thread thread;
  private long delivered;
  private boolean signalled;
  private boolean closed;

  /** Starts after the newest event already in the log: listeners get only new ones. */
  public EventDispatcher(Database db, String name) throws StoreException {
    this.db = db;
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

  /** Something was committed that may hold events: look at the log again. */
  public synchronized void signal() {
    signalled = true;
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
      boolean last;
      synchronized (this) {
        while (!signalled && !closed) {
          try {
            wait();
          } catch (InterruptedException e) {
            return;
          }
        }
        signalled = false;
        last = closed;
      }
      drain();
      if (last) {
        return;
      }
    }
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
      if (rows.size() < PAGE) {
        return;
      }
    }
  }
}

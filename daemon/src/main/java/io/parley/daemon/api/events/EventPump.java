package io.parley.daemon.api.events;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Feeds one stream (a WebSocket or an SSE connection) from the log: it reads the wanted events
 * after its cursor, hands a batch to the sink, and reads again only when the sink has written
 * it, so a slow client holds at most one batch in memory and never misses or repeats an event.
 * Woken by the hub on every new event. Thread-safe.
 */
public final class EventPump implements EventHub.Subscriber {
  /** Events handed to the sink at once. */
  public static final int BATCH = 100;

  /** Where the events go. */
  public interface Sink {
    /** Writes the batch in order; calls exactly one of {@code done} or {@code failed}. */
    void send(List<HubEvent> batch, Runnable done, Consumer<Throwable> failed);
  }

  private final EventHub hub;
  private final EventReader reader;
  private final EventFilter filter;
  private final Executor executor;
  private final Sink sink;
  private final Consumer<Throwable> onFailure;
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private long cursor;
  private boolean inFlight;
  private boolean stopped;

  /**
   * @param onFailure called once if reading or writing fails; the pump has stopped
   */
  public EventPump(EventHub hub, long cursor, EventFilter filter, Executor executor, Sink sink,
      Consumer<Throwable> onFailure) {
    this.hub = hub;
    this.reader = new EventReader(hub);
    this.cursor = cursor;
    this.filter = filter;
    this.executor = executor;
    this.sink = sink;
    this.onFailure = onFailure;
  }

  /** Subscribes and sends the backlog. */
  public void start() {
    hub.subscribe(this);
    wake();
  }

  /** Stops for good (the client left); a batch in flight is abandoned. */
  public synchronized void stop() {
    stopped = true;
    hub.unsubscribe(this);
  }

  /** The last event sent (or skipped by the filter). */
  public synchronized long cursor() {
    return cursor;
  }

  @Override
  public void wake() {
    if (scheduled.compareAndSet(false, true)) {
      try {
        executor.execute(this::pump);
      } catch (java.util.concurrent.RejectedExecutionException e) {
        scheduled.set(false);
      }
    }
  }

  private void pump() {
    scheduled.set(false);
    long from;
    synchronized (this) {
      if (inFlight || stopped) {
        return;
      }
      inFlight = true;
      from = cursor;
    }
    EventReader.Page page;
    try {
      page = reader.read(from, BATCH, filter);
    } catch (RuntimeException e) {
      fail(e);
      return;
    }
    if (page.events().isEmpty()) {
      synchronized (this) {
        cursor = page.next();
        inFlight = false;
      }
      // An event committed after the read may have woken a pump that saw inFlight and left.
      if (hub.latestSeq() > page.next()) {
        wake();
      }
      return;
    }
    sink.send(page.events(), () -> {
      synchronized (this) {
        cursor = page.next();
        inFlight = false;
      }
      wake();
    }, this::fail);
  }

  private void fail(Throwable t) {
    synchronized (this) {
      if (stopped) {
        return;
      }
    }
    stop();
    onFailure.accept(t);
  }
}

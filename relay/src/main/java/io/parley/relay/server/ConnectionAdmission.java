package io.parley.relay.server;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Decides at accept, before any TLS work or pipeline exists, whether a connection may stay:
 * both the open connections and the connections still in their handshake are capped. Counting
 * from accept is what bounds open files: a count taken later (when a channel is initialised on
 * its event loop) misses every socket queued behind busy event loops, which a handshake flood
 * piles up by the thousand.
 *
 * <p>Thread-safe: {@link #tryAdmit()} runs on the accept thread, the {@link Ticket} methods on
 * the connection's event loop.
 */
final class ConnectionAdmission {
  private final int maxConnections;
  private final int maxPendingHandshakes;
  private final RelayCounters counters;
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicInteger pending = new AtomicInteger();

  ConnectionAdmission(int maxConnections, int maxPendingHandshakes, RelayCounters counters) {
    this.maxConnections = maxConnections;
    this.maxPendingHandshakes = maxPendingHandshakes;
    this.counters = counters;
  }

  /**
   * Admits one accepted connection, counted as open and pending, or returns null (and counts
   * the refusal) when either cap is reached: the caller then closes the socket at once.
   */
  Ticket tryAdmit() {
    // Only the accept thread increments, so check-then-increment cannot overshoot.
    if (open.get() >= maxConnections) {
      counters.connectionsRefused.increment();
      return null;
    }
    if (pending.get() >= maxPendingHandshakes) {
      counters.connectionsRefused.increment();
      counters.refusedHandshakesPending.increment();
      return null;
    }
    open.incrementAndGet();
    pending.incrementAndGet();
    counters.connectionsAccepted.increment();
    counters.connectionOpened(open.get());
    return new Ticket();
  }

  /** Connections open now, from accept to close. */
  int openConnections() {
    return open.get();
  }

  /** Connections open now whose handshake has not finished. */
  int pendingHandshakes() {
    return pending.get();
  }

  /** One admitted connection's place in the counts; each release happens at most once. */
  final class Ticket {
    private final AtomicBoolean handshaking = new AtomicBoolean(true);
    private final AtomicBoolean closed = new AtomicBoolean();

    private Ticket() {}

    /** The session handshake finished: the connection no longer counts as pending. */
    void handshakeFinished() {
      if (handshaking.compareAndSet(true, false)) {
        pending.decrementAndGet();
      }
    }

    /** The connection closed, at whatever stage. */
    void closed() {
      handshakeFinished();
      if (closed.compareAndSet(false, true)) {
        open.decrementAndGet();
      }
    }
  }
}

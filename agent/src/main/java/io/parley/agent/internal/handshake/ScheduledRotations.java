package io.parley.agent.internal.handshake;

import io.parley.agent.internal.runtime.AgentContext;
import io.parley.agent.internal.state.ConnectionState;
import io.parley.agent.internal.store.RcvQueueRow;
import java.util.ArrayList;
import java.util.List;

/**
 * The scheduled queue rotation (docs/agent.md 2.2): a connection whose newest receive queue is
 * older than the rotation interval gets one replaced, so that the queue ids and keys a relay
 * sees change over time. Each connection's turn comes at its own point within the last quarter
 * of the interval (derived from its id), so connections made together do not rotate together.
 * A periodic Quartz timer checks; the due time is derived from the stored queues, so nothing
 * extra is stored and a restart keeps the schedule. Thread-safe.
 */
public final class ScheduledRotations {
  private static final String GROUP = "rotation";
  /** Longest pause between two checks. UNIT: milliseconds (1 hour). */
  static final long MAX_CHECK_MILLIS = 60 * 60 * 1_000;
  /** Shortest pause between two checks (tests use short intervals). UNIT: milliseconds. */
  static final long MIN_CHECK_MILLIS = 100;
  /** Rotations started by one check at most, so that a long pause does not start a burst. */
  static final int MAX_STARTS_PER_CHECK = 50;
  /** Share of the interval over which connections' turns are spread. */
  private static final int SPREAD_DIVISOR = 4;

  private final AgentContext ctx;
  private final Rotations rotations;
  private final long intervalMillis;

  /** @param intervalMillis rotation interval; 0: never. UNIT: milliseconds */
  public ScheduledRotations(AgentContext ctx, Rotations rotations, long intervalMillis) {
    this.ctx = ctx;
    this.rotations = rotations;
    this.intervalMillis = intervalMillis;
  }

  /** Starts the periodic check, unless the interval is 0. */
  public void start() {
    if (intervalMillis == 0) {
      return;
    }
    long period = Math.max(MIN_CHECK_MILLIS, Math.min(MAX_CHECK_MILLIS,
        intervalMillis / SPREAD_DIVISOR));
    ctx.timers().every(GROUP, "scheduled", period, this::check);
  }

  /** Starts a rotation for each connection whose turn has come (at most a bounded number). */
  void check() {
    long now = ctx.now();
    List<ConnectionState> due = new ArrayList<>();
    for (ConnectionState s : ctx.connections().all()) {
      synchronized (s) {
        if (s.gone() || !s.established() || s.rotating() || s.rcvQueues().isEmpty()) {
          continue;
        }
        long newest = 0;
        for (RcvQueueRow q : s.rcvQueues()) {
          newest = Math.max(newest, q.createdAt());
        }
        if (now >= newest + intervalMillis - spread(s.id())) {
          due.add(s);
        }
      }
      if (due.size() >= MAX_STARTS_PER_CHECK) {
        break;
      }
    }
    for (ConnectionState s : due) {
      // A refusal (a rotation started meanwhile, a relay down) is tried at the next check.
      rotations.rotate(s, null, true).exceptionally(e -> null);
    }
  }

  /**
   * Gives a connection with fewer receive queues than the redundancy asks for one more, on a
   * relay it has none on, when such a relay is configured (a relay added since it was made): a
   * rotation that replaces nothing. Called by the sweep; at most a bounded number per call.
   */
  public void grow() {
    int wanted = Math.min(ctx.relays().redundancy(), ctx.relays().relays().size());
    int started = 0;
    for (ConnectionState s : ctx.connections().all()) {
      if (started >= MAX_STARTS_PER_CHECK) {
        return;
      }
      java.util.Set<String> used = new java.util.HashSet<>();
      synchronized (s) {
        if (s.gone() || !s.established() || s.rotating() || s.rcvQueues().isEmpty()) {
          continue;
        }
        for (RcvQueueRow q : s.rcvQueues()) {
          if (s.rotation(q.id()) == null) {
            used.add(q.relay());
          }
        }
      }
      if (used.size() >= wanted) {
        continue;
      }
      io.parley.protocol.transport.RelayAddress free = null;
      for (io.parley.protocol.transport.RelayAddress r : ctx.relays().relays()) {
        if (!used.contains(r.toString()) && !ctx.relays().isDown(r)) {
          free = r;
          break;
        }
      }
      if (free != null) {
        started++;
        rotations.rotate(s, free, false).exceptionally(e -> null);
      }
    }
  }

  /** This connection's point within the last quarter of the interval. UNIT: milliseconds. */
  private long spread(String connectionId) {
    long window = intervalMillis / SPREAD_DIVISOR;
    return window == 0 ? 0 : Math.floorMod((long) connectionId.hashCode() * 2_654_435_761L,
        window);
  }
}

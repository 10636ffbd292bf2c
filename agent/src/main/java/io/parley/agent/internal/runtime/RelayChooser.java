package io.parley.agent.internal.runtime;

import io.parley.protocol.transport.RelayAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Picks the relays for this agent's new queues: the configured relays in turn, skipping any
 * whose session is down, so that with several relays a new invitation, join or contact address
 * still works while one of them is unreachable. With every relay down it takes the next in turn
 * anyway; the queue is then made when that relay comes back. A new connection gets receive
 * queues on {@code redundancy} distinct relays (fewer if fewer are configured or up). Relays
 * may be added and retired while the agent runs. Thread-safe.
 */
public final class RelayChooser {
  private volatile List<RelayAddress> relays;
  private final int redundancy;
  private final AtomicInteger turn = new AtomicInteger();
  private final Set<RelayAddress> down = ConcurrentHashMap.newKeySet();

  /**
   * @param relays the configured relays, at least one
   * @param redundancy receive queues per new connection, at least one
   */
  public RelayChooser(List<RelayAddress> relays, int redundancy) {
    if (relays.isEmpty()) {
      throw new IllegalArgumentException("an agent needs at least one relay");
    }
    if (redundancy < 1) {
      throw new IllegalArgumentException("redundancy must be at least 1");
    }
    this.relays = List.copyOf(relays);
    this.redundancy = redundancy;
  }

  /** Receive queues a connection should have, each on its own relay. UNIT: queues. */
  public int redundancy() {
    return redundancy;
  }

  /** The relay's session came up. */
  public void up(RelayAddress relay) {
    down.remove(relay);
  }

  /** The relay's session went down (or could not be opened). */
  public void down(RelayAddress relay) {
    down.add(relay);
  }

  /** Whether the relay's session is down now, as last reported. */
  public boolean isDown(RelayAddress relay) {
    return down.contains(relay);
  }

  /** The relays new queues are made on now. */
  public List<RelayAddress> relays() {
    return relays;
  }

  /** Makes new queues on {@code relay} too; false if it is there already. */
  public synchronized boolean add(RelayAddress relay) {
    if (relays.contains(relay)) {
      return false;
    }
    List<RelayAddress> next = new ArrayList<>(relays);
    next.add(relay);
    relays = List.copyOf(next);
    return true;
  }

  /**
   * Makes no new queue on {@code relay} any more; false if it is not used, or is the last one
   * (an agent always needs a relay for its queues).
   */
  public synchronized boolean retire(RelayAddress relay) {
    if (!relays.contains(relay) || relays.size() == 1) {
      return false;
    }
    List<RelayAddress> next = new ArrayList<>(relays);
    next.remove(relay);
    relays = List.copyOf(next);
    return true;
  }

  /** The relay for the next new queue. */
  public RelayAddress next() {
    return next(1).get(0);
  }

  /** The relays for a new connection's receive queues: distinct, up ones first. */
  public List<RelayAddress> forNewConnection() {
    return next(redundancy);
  }

  /**
   * {@code count} distinct relays in turn, up ones only: a relay known to be down would hold the
   * new connection up until its attempt timed out, so the connection starts with fewer queues
   * instead. With every relay down, the next one in turn (its queue is made when it is back).
   */
  public List<RelayAddress> next(int count) {
    List<RelayAddress> all = relays;
    int n = all.size();
    int start = Math.floorMod(turn.getAndIncrement(), n);
    List<RelayAddress> upFirst = new ArrayList<>(n);
    List<RelayAddress> downLast = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      RelayAddress r = all.get((start + i) % n);
      (down.contains(r) ? downLast : upFirst).add(r);
    }
    if (upFirst.isEmpty()) {
      return List.of(downLast.get(0));
    }
    return List.copyOf(upFirst.subList(0, Math.min(count, upFirst.size())));
  }
}

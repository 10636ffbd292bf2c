package io.parley.agent.internal.runtime;

import io.parley.protocol.transport.RelayAddress;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Picks the relay for each new queue of this agent: the configured relays in turn, skipping any
 * whose session is down, so that with several relays a new invitation, join or contact address
 * still works while one of them is unreachable. With every relay down it takes the next in turn
 * anyway; the queue is then made when that relay comes back. Thread-safe.
 */
public final class RelayChooser {
  private final List<RelayAddress> relays;
  private final AtomicInteger turn = new AtomicInteger();
  private final Set<RelayAddress> down = ConcurrentHashMap.newKeySet();

  /** @param relays the configured relays, at least one */
  public RelayChooser(List<RelayAddress> relays) {
    if (relays.isEmpty()) {
      throw new IllegalArgumentException("an agent needs at least one relay");
    }
    this.relays = List.copyOf(relays);
  }

  /** The relay's session came up. */
  public void up(RelayAddress relay) {
    down.remove(relay);
  }

  /** The relay's session went down (or could not be opened). */
  public void down(RelayAddress relay) {
    down.add(relay);
  }

  /** The relay for the next new queue. */
  public RelayAddress next() {
    int n = relays.size();
    for (int i = 0; i < n; i++) {
      RelayAddress r = relays.get(Math.floorMod(turn.getAndIncrement(), n));
      if (!down.contains(r)) {
        return r;
      }
    }
    return relays.get(Math.floorMod(turn.getAndIncrement(), n));
  }
}

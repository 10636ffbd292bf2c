package io.parley.daemon.api.resources;

import io.parley.agent.event.AgentEvent;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Whether each relay is reachable, as the agent's {@code relay.up} and {@code relay.down}
 * events last said, for {@code /v1/info}. A relay not heard of yet is
 * absent. Relay addresses are not secret. Thread-safe.
 */
public final class RelayTracker implements Consumer<AgentEvent> {
  /** One relay's last known state. */
  public record State(boolean up, Instant since) {}

  private final Map<String, State> relays = new TreeMap<>();

  @Override
  public synchronized void accept(AgentEvent e) {
    boolean up = AgentEvent.RELAY_UP.equals(e.type());
    if (!up && !AgentEvent.RELAY_DOWN.equals(e.type())) {
      return;
    }
    Object relay = e.data().get("relay");
    if (relay instanceof String address) {
      relays.put(address, new State(up, e.time()));
    }
  }

  /**
   * Adds relays whose state was reported before this tracker listened; an event already
   * received is newer and wins.
   */
  public synchronized void seed(Map<String, Boolean> states, Instant now) {
    states.forEach((address, up) -> relays.putIfAbsent(address, new State(up, now)));
  }

  /** Every relay heard of, by address. */
  public synchronized Map<String, State> snapshot() {
    return new TreeMap<>(relays);
  }
}

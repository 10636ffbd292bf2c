package io.parley.agent.model;

import java.util.Map;

/**
 * Whether the agent can keep its promises right now, for health and readiness checks. Names no
 * path, key or queue.
 *
 * @param storeProblem why the store cannot be read or written (for example {@code disk full},
 *     {@code disk I/O error}, {@code database is read-only}), or null while it works. While it
 *     fails, no message is sent and none is acknowledged: received messages stay with the relay
 *     and come again once the store works
 * @param relays whether each relay the agent has connected to (or tried) was up at its last
 *     change, by address
 */
public record AgentHealth(String storeProblem, Map<String, Boolean> relays) {
  public AgentHealth {
    relays = Map.copyOf(relays);
  }

  /** Whether the store can be read and its last writes succeeded. */
  public boolean storeWorks() {
    return storeProblem == null;
  }

  /**
   * Whether every relay the agent uses is down: it has tried at least one and none is up. An
   * agent that has tried none yet (no connection, nothing to receive) is not counted as down.
   */
  public boolean relaysAllDown() {
    return !relays.isEmpty() && !relays.containsValue(Boolean.TRUE);
  }

  /** Whether at least one relay the agent uses is up. */
  public boolean someRelayUp() {
    return relays.containsValue(Boolean.TRUE);
  }

  /**
   * Ready to send and receive: the store works and at least one relay is up. Just after start,
   * before the first relay answered, the agent is not ready yet.
   */
  public boolean ready() {
    return storeWorks() && someRelayUp();
  }
}

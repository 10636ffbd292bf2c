package io.parley.agent.model;

import java.util.List;

/**
 * A queue rotation just started (docs/agent.md 2.2).
 *
 * @param connectionId the connection whose receive queue is being replaced
 * @param state {@code started}: the new queue is made and offered to the peer
 * @param relay {@code host:port} of the relay the new queue is on
 * @param queues the connection's queues now (the new one {@code new})
 */
public record RotationInfo(String connectionId, String state, String relay,
    List<QueueInfo> queues) {
  public RotationInfo {
    queues = List.copyOf(queues);
  }
}

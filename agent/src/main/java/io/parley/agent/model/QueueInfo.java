package io.parley.agent.model;

import java.util.Locale;

/**
 * One queue of a connection as the application may see it: which way it carries messages, the
 * relay it lives on as {@code host:port}, and its state. Never a queue id or a key.
 *
 * @param relay {@code host:port} of the queue's relay
 */
public record QueueInfo(Direction direction, String relay, State state) {

  /** Receive queues are this side's (on relays it chose); send queues are the peer's. */
  public enum Direction {
    RECEIVE,
    SEND;

    /** The API name: receive, send. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Where the queue is in its life. */
  public enum State {
    /** Made, but not carrying messages yet (its confirmation or securing is still to come). */
    NEW,
    /** Carries messages: every message goes over each active send queue. */
    ACTIVE,
    /** Being given up: receives what is still on it, and nothing new is sent to it. */
    DRAINING,
    /** The peer deleted it; nothing can be sent over it any more. */
    FAILED;

    /** The API name: new, active, draining, failed. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}

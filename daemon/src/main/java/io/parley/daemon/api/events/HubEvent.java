package io.parley.daemon.api.events;

import io.parley.daemon.agent.AgentEvent;

/**
 * A committed event with its API envelope already serialized, so each event is turned into
 * JSON once however many clients receive it. {@link #toString()} leaves the JSON (it may hold a
 * message text) out.
 */
public record HubEvent(AgentEvent event, String json) {
  public long seq() {
    return event.seq();
  }

  public String type() {
    return event.type();
  }

  /** Wraps an event, serializing its envelope. */
  public static HubEvent of(AgentEvent e) {
    return new HubEvent(e, EventJson.envelope(e));
  }

  @Override
  public String toString() {
    return "HubEvent[seq=" + event.seq() + ", type=" + event.type() + "]";
  }
}

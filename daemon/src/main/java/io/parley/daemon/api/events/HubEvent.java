package io.parley.daemon.api.events;

import io.parley.agent.event.AgentEvent;

/**
 * A committed event and its API envelope, serialized on first use and then shared, so each
 * event becomes JSON at most once however many clients receive it (and not at all when nobody
 * reads). {@link #toString()} leaves the JSON (it may hold a message text) out. Thread-safe.
 */
public final class HubEvent {
  private final AgentEvent event;
  private volatile String json;

  private HubEvent(AgentEvent event) {
    this.event = event;
  }

  /** Wraps an event; its envelope is serialized when first asked for. */
  public static HubEvent of(AgentEvent e) {
    return new HubEvent(e);
  }

  public AgentEvent event() {
    return event;
  }

  public long seq() {
    return event.seq();
  }

  public String type() {
    return event.type();
  }

  /** The envelope as JSON text. */
  public String json() {
    String j = json;
    if (j == null) {
      // Two threads may both serialize; they produce the same text.
      j = EventJson.envelope(event);
      json = j;
    }
    return j;
  }

  @Override
  public String toString() {
    return "HubEvent[seq=" + event.seq() + ", type=" + event.type() + "]";
  }
}

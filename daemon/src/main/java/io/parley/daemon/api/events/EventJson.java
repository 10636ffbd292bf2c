package io.parley.daemon.api.events;

import io.parley.agent.event.AgentEvent;
import io.parley.daemon.api.http.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one event envelope of every channel (long-poll, WebSocket, SSE, webhooks):
 * {@code {"seq", "type", "time", "connectionId", "data"}}, time in ISO-8601 UTC. Stateless.
 */
public final class EventJson {
  private EventJson() {}

  /** The envelope of {@code e} as JSON text. */
  public static String envelope(AgentEvent e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("seq", e.seq());
    m.put("type", e.type());
    m.put("time", e.time().toString());
    m.put("connectionId", e.connectionId());
    m.put("data", e.data());
    return Json.string(m);
  }

  /** The long-poll page {@code {"events": [...], "next": n}} built from serialized envelopes. */
  public static String page(List<HubEvent> events, long next) {
    StringBuilder sb = new StringBuilder(64 + events.size() * 256);
    sb.append("{\"events\":[");
    for (int i = 0; i < events.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(events.get(i).json());
    }
    return sb.append("],\"next\":").append(next).append('}').toString();
  }
}

package io.parley.daemon.api.resources;

import io.parley.daemon.api.events.LongPoll;
import io.parley.daemon.api.events.SseEvents;
import io.parley.daemon.api.events.WebSocketEvents;
import io.parley.daemon.api.http.Routes;
import io.parley.daemon.api.security.Access;

/**
 * The event log's three read channels: long-poll {@code GET /v1/events}, WebSocket
 * {@code GET /v1/events/ws} and SSE {@code GET /v1/events/sse}. Admin only: events carry
 * message texts. Thread-safe.
 */
public final class EventResource {
  private final LongPoll longPoll;
  private final WebSocketEvents webSocket;
  private final SseEvents sse;

  public EventResource(LongPoll longPoll, WebSocketEvents webSocket, SseEvents sse) {
    this.longPoll = longPoll;
    this.webSocket = webSocket;
    this.sse = sse;
  }

  public void register(Routes routes) {
    routes.get("/v1/events", Access.ADMIN, longPoll);
    routes.raw("GET", "/v1/events/ws", Access.ADMIN, webSocket);
    routes.raw("GET", "/v1/events/sse", Access.ADMIN, sse);
  }
}

package io.parley.daemon.api.resources;

import io.parley.daemon.api.http.Endpoint;
import io.parley.daemon.api.http.Reply;
import io.parley.daemon.api.http.Routes;
import io.parley.daemon.api.security.Access;
import io.parley.agent.Agent;
import io.parley.agent.error.UncheckedAgentException;
import java.util.Map;

/**
 * {@code GET /v1/health}: 200 {@code {"status":"ok"}} when the store answers, 503
 * {@code {"status":"unavailable"}} otherwise. No token: it tells nothing secret. Thread-safe.
 */
public final class HealthResource {
  private final Agent agent;

  public HealthResource(Agent agent) {
    this.agent = agent;
  }

  public void register(Routes routes) {
    routes.get("/v1/health", Access.PUBLIC, Endpoint.of(call -> {
      try {
        agent.eventLogSpan();
        return Reply.json(200, Map.of("status", "ok"));
      } catch (UncheckedAgentException e) {
        return Reply.json(503, Map.of("status", "unavailable"));
      }
    }));
  }
}

package io.parley.daemon.api.resources;

import io.parley.agent.Agent;
import io.parley.agent.model.AgentHealth;
import io.parley.daemon.api.http.Endpoint;
import io.parley.daemon.api.http.Reply;
import io.parley.daemon.api.http.Routes;
import io.parley.daemon.api.security.Access;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /v1/health}: 200 {@code {"status":"ok"}} while the store can be read and its last
 * writes succeeded, 503 {@code {"status":"unavailable","reason":...}} otherwise (a full disk
 * fails writes long before reads). {@code GET /v1/ready}: 200 {@code {"status":"ready"}} when
 * the store works and at least one relay is up, 503 {@code {"status":"not_ready","reason":...}}
 * while the store fails, every relay the agent uses is down, or (just after start) none has
 * answered yet. No token: the reasons are fixed words, nothing secret. Thread-safe.
 */
public final class HealthResource {
  /** A reason of {@code /v1/ready}: every relay the agent uses is down. */
  static final String RELAYS_DOWN = "relays down";
  /** A reason of {@code /v1/ready}: just started, no relay has answered yet. */
  static final String NO_RELAY_YET = "no relay reached yet";

  private final Agent agent;

  public HealthResource(Agent agent) {
    this.agent = agent;
  }

  public void register(Routes routes) {
    routes.get("/v1/health", Access.PUBLIC, Endpoint.of(call -> {
      AgentHealth h = agent.health();
      if (h.storeWorks()) {
        return Reply.json(200, Map.of("status", "ok"));
      }
      return Reply.json(503, Map.of("status", "unavailable", "reason", h.storeProblem()));
    }));
    routes.get("/v1/ready", Access.PUBLIC, Endpoint.of(call -> {
      AgentHealth h = agent.health();
      if (h.ready()) {
        return Reply.json(200, Map.of("status", "ready"));
      }
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("status", "not_ready");
      body.put("reason", !h.storeWorks() ? h.storeProblem()
          : h.relaysAllDown() ? RELAYS_DOWN : NO_RELAY_YET);
      return Reply.json(503, body);
    }));
  }
}

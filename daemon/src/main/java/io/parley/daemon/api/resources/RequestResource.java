package io.parley.daemon.api.resources;

import io.parley.agent.Agent;
import io.parley.daemon.api.http.BodyPolicy;
import io.parley.daemon.api.http.Endpoint;
import io.parley.daemon.api.http.Reply;
import io.parley.daemon.api.http.Routes;
import io.parley.daemon.api.security.Access;
import java.util.Map;

/**
 * Contact requests received on the address while auto-accept is off: list, accept (a new
 * connection) or reject. Thread-safe.
 */
public final class RequestResource {
  private final Scope scope;

  public RequestResource(Agent agent) {
    this.scope = new Scope(agent);
  }

  public void register(Routes routes) {
    routes.get("/v1/requests", Access.ADMIN, Endpoint.of(call -> Reply.json(200,
        Map.of("requests", scope.of(call).requests().stream().map(Views::request).toList()))));
    routes.post("/v1/requests/{id}/accept", Access.ADMIN, BodyPolicy.NONE,
        call -> scope.of(call).acceptRequest(call.path("id")).thenApply(id ->
            Reply.json(200, Map.of("connectionId", id))
                .withHeader("Location", "/v1/connections/" + id)));
    routes.post("/v1/requests/{id}/reject", Access.ADMIN, BodyPolicy.NONE,
        call -> scope.of(call).rejectRequest(call.path("id")).thenApply(v -> Reply.noContent()));
  }
}

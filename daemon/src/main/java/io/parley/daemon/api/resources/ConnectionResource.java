package io.parley.daemon.api.resources;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.agent.Agent;
import io.parley.agent.AgentProfile;
import io.parley.agent.error.AgentException;
import io.parley.agent.model.ConnectionInfo;
import io.parley.daemon.api.http.ApiException;
import io.parley.daemon.api.http.BodyPolicy;
import io.parley.daemon.api.http.Call;
import io.parley.daemon.api.http.Endpoint;
import io.parley.daemon.api.http.Json;
import io.parley.daemon.api.http.Reply;
import io.parley.daemon.api.http.Routes;
import io.parley.daemon.api.security.Access;
import io.parley.daemon.store.api.ApiStore;
import io.parley.daemon.store.api.MarkRow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Connections: list, read (a deleted one still shows as {@code deleted} while on record),
 * rename, delete, and join someone's invitation or contact address. Listing and reading also
 * admit send tokens. Thread-safe.
 */
public final class ConnectionResource {
  private final Scope scope;
  private final ConnectionMarks marks;

  public ConnectionResource(Agent agent, ApiStore store) {
    this.scope = new Scope(agent);
    this.marks = new ConnectionMarks(scope, store);
  }

  public void register(Routes routes) {
    routes.get("/v1/connections", Access.SEND, Endpoint.of(this::list));
    routes.post("/v1/connections", Access.ADMIN, BodyPolicy.JSON_OR_TEXT, this::join);
    routes.get("/v1/connections/{id}", Access.SEND, Endpoint.of(this::get));
    routes.patch("/v1/connections/{id}", Access.ADMIN, BodyPolicy.JSON, this::patch);
    routes.delete("/v1/connections/{id}", Access.ADMIN, this::delete);
    marks.register(routes);
    routes.post("/v1/connections/{id}/rotate", Access.ADMIN, BodyPolicy.JSON, this::rotate);
  }

  private Reply list(Call call) throws Exception {
    AgentProfile profile = scope.of(call);
    Map<String, MarkRow> byId = marks.marks(call);
    List<Map<String, Object>> views = new ArrayList<>();
    for (ConnectionInfo c : profile.connections()) {
      views.add(marks.view(call, profile, c, byId.getOrDefault(c.id(), MarkRow.none(c.id()))));
    }
    return Reply.json(200, Map.of("connections", views));
  }

  private Reply get(Call call) throws Exception {
    String id = call.path("id");
    // Deleted connections stay on record (status deleted), so a client can tell "deleted"
    // from "never existed".
    Optional<ConnectionInfo> onRecord = scope.of(call).connectionOnRecord(id);
    if (onRecord.isPresent()) {
      Map<String, Object> view = new LinkedHashMap<>(
          marks.view(call, scope.of(call), onRecord.get(), marks.mark(call, id)));
      // Each queue by its relay's host:port and state: never a queue id or a key.
      view.put("queues", scope.of(call).queues(id).stream().map(q -> Map.of(
          "direction", q.direction().label(), "relay", q.relay(),
          "state", q.state().label())).toList());
      return Reply.json(200, view);
    }
    throw ApiException.notFound("no such connection");
  }

  private CompletionStage<Reply> join(Call call) throws ApiException {
    String link;
    String alias = null;
    if (call.hasTextBody()) {
      link = call.text().trim();
    } else {
      ObjectNode body = call.json();
      link = Json.requiredString(body, "link");
      alias = Json.optionalString(body, "alias");
    }
    return scope.of(call).join(link, alias).thenApply(id -> Reply.json(201, Map.of("connectionId", id))
        .withHeader("Location", "/v1/connections/" + id));
  }

  private CompletionStage<Reply> patch(Call call) throws ApiException {
    ObjectNode body = call.json();
    if (!body.has("alias")) {
      throw ApiException.badRequest("nothing to change: give 'alias' (a string, or null)");
    }
    String alias = Json.optionalString(body, "alias");
    return scope.of(call).setAlias(call.path("id"), alias)
        .thenApply(info -> Reply.json(200, Views.connection(info)));
  }

  /**
   * Starts a queue rotation (docs/agent.md 2.2): 202 with the rotation's state and the queues;
   * {@code connection.rotated} follows when the old queue is gone.
   */
  private CompletionStage<Reply> rotate(Call call) throws ApiException {
    String relay = Json.optionalString(call.json(), "relay");
    return scope.of(call).rotate(call.path("id"), relay)
        .thenApply(r -> Reply.json(202, Map.of("connectionId", r.connectionId(),
            "state", r.state(), "relay", r.relay(),
            "queues", r.queues().stream().map(q -> Map.of("direction", q.direction().label(),
                "relay", q.relay(), "state", q.state().label())).toList())))
        .exceptionally(e -> {
          Throwable t = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
              ? e.getCause() : e;
          if (t instanceof AgentException a
              && a.reason() == AgentException.Reason.UNKNOWN_RELAY) {
            // The relay is named in the body, not the path: the request is what is wrong.
            throw new java.util.concurrent.CompletionException(new ApiException(422,
                ApiException.UNKNOWN_RELAY, "no such relay: give a relay id or host:port from"
                + " GET /v1/relays"));
          }
          throw e instanceof java.util.concurrent.CompletionException c
              ? c : new java.util.concurrent.CompletionException(e);
        });
  }

  private CompletionStage<Reply> delete(Call call) throws ApiException {
    return scope.of(call).deleteConnection(call.path("id")).thenApply(v -> Reply.noContent());
  }
}

package io.parley.daemon.api.resources;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.agent.Agent;
import io.parley.agent.model.RelayInfo;
import io.parley.daemon.api.http.BodyPolicy;
import io.parley.daemon.api.http.Call;
import io.parley.daemon.api.http.Endpoint;
import io.parley.daemon.api.http.Json;
import io.parley.daemon.api.http.Reply;
import io.parley.daemon.api.http.Routes;
import io.parley.daemon.api.security.Access;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Relays as a resource: the relays this daemon makes its queues on, with their state; adding
 * one; retiring one. The relays are the daemon's, shared by every profile: any admin token may
 * list them (a profile's connections use them too), only the owner token may add or retire one,
 * since that changes where every profile's new queues go. Thread-safe.
 */
public final class RelayResource {
  private final Agent agent;

  public RelayResource(Agent agent) {
    this.agent = agent;
  }

  public void register(Routes routes) {
    routes.get("/v1/relays", Access.ADMIN, Endpoint.of(call -> Reply.json(200,
        Map.of("relays", agent.relayList().stream().map(RelayResource::view).toList()))));
    routes.post("/v1/relays", Access.OWNER, BodyPolicy.JSON, this::add);
    routes.delete("/v1/relays/{id}", Access.OWNER, this::retire);
  }

  private CompletionStage<Reply> add(Call call) throws Exception {
    ObjectNode body = call.json();
    String address = Json.requiredString(body, "address");
    return agent.addRelay(address).thenApply(r -> Reply.json(201, view(r))
        .withHeader("Location", "/v1/relays/" + r.id()));
  }

  private CompletionStage<Reply> retire(Call call) {
    String id = call.path("id");
    // 204: it held nothing and is forgotten; 202: its connections' queues are being rotated
    // off it, and it is forgotten once they are.
    return agent.retireRelay(id).thenApply(moving -> moving == 0 ? Reply.noContent()
        : Reply.json(202, Map.of("id", id, "state", "retiring", "queues", moving)));
  }

  static Map<String, Object> view(RelayInfo r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", r.id());
    m.put("address", r.address());
    m.put("hostPort", r.hostPort());
    m.put("status", r.retiring() ? "retiring" : r.up() ? "up" : "down");
    m.put("since", r.since() == null ? null : r.since().toString());
    m.put("queues", r.queues());
    m.put("lastError", r.lastError());
    return m;
  }
}

package io.parley.daemon.api.resources;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.agent.Agent;
import io.parley.agent.AgentProfile;
import io.parley.daemon.api.http.ApiException;
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
 * Re-key and ratchet resync of established connections (docs/api.md, re-key): make a one-time
 * re-key link (with its QR code), open the peer's, and ask for a resync after a desync. The
 * link is a secret: it appears only in the reply to its maker. Thread-safe.
 */
public final class RekeyResource {
  private final Scope scope;

  public RekeyResource(Agent agent) {
    this.scope = new Scope(agent);
  }

  public void register(Routes routes) {
    routes.post("/v1/connections/{id}/rekey", Access.ADMIN, BodyPolicy.NONE,
        this::create);
    routes.get("/v1/connections/{id}/rekey.png", Access.ADMIN,
        Endpoint.of(call -> QrReplies.png(call, pendingLink(call))));
    routes.get("/v1/connections/{id}/rekey.svg", Access.ADMIN,
        Endpoint.of(call -> QrReplies.svg(pendingLink(call))));
    routes.post("/v1/rekey", Access.ADMIN, BodyPolicy.JSON_OR_TEXT, this::open);
    routes.post("/v1/connections/{id}/resync", Access.ADMIN, BodyPolicy.NONE,
        this::resync);
  }

  private CompletionStage<Reply> create(Call call) throws ApiException {
    String id = call.path("id");
    return scope.of(call).createRekeyLink(id).thenApply(link -> {
      String base = "/v1/connections/" + id;
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("connectionId", id);
      m.put("link", link);
      m.put("qrPng", base + "/rekey.png");
      m.put("qrSvg", base + "/rekey.svg");
      return Reply.json(201, m);
    });
  }

  private CompletionStage<Reply> open(Call call) throws ApiException {
    String link;
    String connectionId = null;
    if (call.hasTextBody()) {
      link = call.text().trim();
    } else {
      ObjectNode body = call.json();
      link = Json.requiredString(body, "link");
      connectionId = Json.optionalString(body, "connectionId");
    }
    AgentProfile profile = scope.of(call);
    return profile.openRekeyLink(link, connectionId).thenApply(id -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("connectionId", id);
      profile.connection(id).ifPresent(c -> m.put("securityCode", c.securityCode()));
      return Reply.json(200, m);
    });
  }

  private CompletionStage<Reply> resync(Call call) throws ApiException {
    String id = call.path("id");
    return scope.of(call).resyncRatchet(id)
        .thenApply(v -> Reply.json(202, Map.of("connectionId", id, "status", "requested")));
  }

  private String pendingLink(Call call) throws ApiException {
    return scope.of(call).pendingRekeyLink(call.path("id")).orElseThrow(
        () -> ApiException.notFound("no unanswered re-key link for this connection"));
  }
}

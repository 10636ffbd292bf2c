package io.parley.daemon.api.resources;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.agent.Agent;
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
 * One-time invitations: create one (a pending connection and its secret link) and show a
 * pending invitation's link as a QR code. Thread-safe.
 */
public final class InvitationResource {
  private final Scope scope;

  public InvitationResource(Agent agent) {
    this.scope = new Scope(agent);
  }

  public void register(Routes routes) {
    routes.post("/v1/invitations", Access.ADMIN, BodyPolicy.JSON, this::create);
    routes.get("/v1/connections/{id}/invitation.png", Access.ADMIN,
        Endpoint.of(call -> QrReplies.png(call, pendingLink(call, call.path("id")))));
    routes.get("/v1/connections/{id}/invitation.svg", Access.ADMIN,
        Endpoint.of(call -> QrReplies.svg(pendingLink(call, call.path("id")))));
  }

  private CompletionStage<Reply> create(Call call) throws ApiException {
    ObjectNode body = call.json();
    String alias = Json.optionalString(body, "alias");
    return scope.of(call).createInvitation(alias).thenApply(inv -> {
      String base = "/v1/connections/" + inv.connectionId();
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("connectionId", inv.connectionId());
      m.put("link", inv.link());
      m.put("qrPng", base + "/invitation.png");
      m.put("qrSvg", base + "/invitation.svg");
      return Reply.json(201, m).withHeader("Location", base);
    });
  }

  private String pendingLink(Call call, String id) throws Exception {
    return scope.of(call).pendingInvitation(id).orElseThrow(
        () -> ApiException.notFound("no pending invitation for this connection"));
  }
}

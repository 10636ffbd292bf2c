package io.parley.daemon.api.resources;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.daemon.agent.Agent;
import io.parley.daemon.agent.ContactAddress;
import io.parley.daemon.api.http.ApiException;
import io.parley.daemon.api.http.BodyPolicy;
import io.parley.daemon.api.http.Call;
import io.parley.daemon.api.http.Endpoint;
import io.parley.daemon.api.http.Json;
import io.parley.daemon.api.http.Reply;
import io.parley.daemon.api.http.Routes;
import io.parley.daemon.api.security.Access;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The contact address: {@code PUT} creates it ({@code autoAccept}, {@code welcome}) and is
 * idempotent for the same settings; {@code GET} shows it, {@code DELETE} removes it (existing
 * connections stay), and {@code /v1/address.png|svg} show its link as a QR code. Thread-safe.
 */
public final class AddressResource {
  private final Agent agent;

  public AddressResource(Agent agent) {
    this.agent = agent;
  }

  public void register(Routes routes) {
    routes.put("/v1/address", Access.ADMIN, BodyPolicy.OPTIONAL_JSON, this::put);
    routes.get("/v1/address", Access.ADMIN, Endpoint.of(call ->
        Reply.json(200, Views.address(current()))));
    routes.delete("/v1/address", Access.ADMIN,
        call -> agent.deleteAddress().thenApply(v -> Reply.noContent()));
    routes.get("/v1/address.png", Access.ADMIN,
        Endpoint.of(call -> QrReplies.png(call, current().link())));
    routes.get("/v1/address.svg", Access.ADMIN,
        Endpoint.of(call -> QrReplies.svg(current().link())));
  }

  private CompletionStage<Reply> put(Call call) throws ApiException {
    ObjectNode body = call.json();
    boolean autoAccept = Json.optionalBoolean(body, "autoAccept", false);
    String welcome = Json.optionalString(body, "welcome");
    Optional<ContactAddress> existing = agent.address();
    if (existing.isPresent()) {
      ContactAddress a = existing.get();
      if (a.autoAccept() != autoAccept || !Objects.equals(a.welcome(), welcome)) {
        throw ApiException.conflict(ApiException.ADDRESS_EXISTS, "the contact address exists "
            + "with other settings; DELETE it and PUT again to change them (connections made "
            + "through it stay, but its link changes)");
      }
      return CompletableFuture.completedFuture(Reply.json(200, Views.address(a)));
    }
    return agent.createAddress(autoAccept, welcome).thenApply(a ->
        Reply.json(201, Views.address(a)));
  }

  private ContactAddress current() throws ApiException {
    return agent.address().orElseThrow(() ->
        ApiException.notFound("there is no contact address; PUT /v1/address creates one"));
  }
}

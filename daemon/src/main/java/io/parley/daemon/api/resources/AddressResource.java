package io.parley.daemon.api.resources;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.agent.Agent;
import io.parley.agent.AgentProfile;
import io.parley.agent.error.AgentException;
import io.parley.agent.model.ContactAddress;
import io.parley.daemon.api.http.ApiException;
import io.parley.daemon.api.http.BodyPolicy;
import io.parley.daemon.api.http.Call;
import io.parley.daemon.api.http.Endpoint;
import io.parley.daemon.api.http.Json;
import io.parley.daemon.api.http.Reply;
import io.parley.daemon.api.http.Routes;
import io.parley.daemon.api.security.Access;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * The contact address: {@code PUT} creates it (201) or sets the settings of the existing one
 * (200, same link) to its body ({@code autoAccept}, default false; {@code welcome}, default
 * none), so repeating a PUT changes nothing more; {@code GET} shows it, {@code DELETE} removes
 * it (existing connections stay), and {@code /v1/address.png|svg} show its link as a QR code.
 * Thread-safe.
 */
public final class AddressResource {
  private final Scope scope;

  public AddressResource(Agent agent) {
    this.scope = new Scope(agent);
  }

  public void register(Routes routes) {
    routes.put("/v1/address", Access.ADMIN, BodyPolicy.JSON, this::put);
    routes.get("/v1/address", Access.ADMIN, Endpoint.of(call ->
        Reply.json(200, Views.address(current(call)))));
    routes.delete("/v1/address", Access.ADMIN,
        call -> scope.of(call).deleteAddress().thenApply(v -> Reply.noContent()));
    routes.get("/v1/address.png", Access.ADMIN,
        Endpoint.of(call -> QrReplies.png(call, current(call).link())));
    routes.get("/v1/address.svg", Access.ADMIN,
        Endpoint.of(call -> QrReplies.svg(current(call).link())));
  }

  private CompletionStage<Reply> put(Call call) throws ApiException {
    ObjectNode body = call.json();
    boolean autoAccept = Json.optionalBoolean(body, "autoAccept", false);
    String welcome = Json.optionalString(body, "welcome");
    AgentProfile profile = scope.of(call);
    return profile.address().isPresent()
        ? update(profile, autoAccept, welcome, true)
        : create(profile, autoAccept, welcome, true);
  }

  /**
   * The agent runs address changes one at a time, so a PUT racing another PUT or a DELETE
   * finds the address created or gone: it then switches once to the other operation. Should
   * that find the state flipped again (PUT, DELETE and PUT racing), the answer is 409
   * {@code conflict}, and a retry settles it.
   */
  private CompletableFuture<Reply> create(AgentProfile profile, boolean autoAccept,
      String welcome, boolean first) {
    return profile.createAddress(autoAccept, welcome)
        .thenApply(a -> Reply.json(201, Views.address(a)))
        .exceptionallyCompose(e -> !is(e, AgentException.Reason.ADDRESS_EXISTS)
            ? CompletableFuture.failedFuture(e)
            : first ? update(profile, autoAccept, welcome, false) : raced());
  }

  private CompletableFuture<Reply> update(AgentProfile profile, boolean autoAccept,
      String welcome, boolean first) {
    return profile.updateAddress(autoAccept, welcome)
        .thenApply(a -> Reply.json(200, Views.address(a)))
        .exceptionallyCompose(e -> !is(e, AgentException.Reason.NO_ADDRESS)
            ? CompletableFuture.failedFuture(e)
            : first ? create(profile, autoAccept, welcome, false) : raced());
  }

  private static CompletableFuture<Reply> raced() {
    return CompletableFuture.failedFuture(ApiException.conflict(ApiException.CONFLICT,
        "the contact address was created or deleted meanwhile; retry"));
  }

  private static boolean is(Throwable failure, AgentException.Reason reason) {
    Throwable t = failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause() : failure;
    return t instanceof AgentException e && e.reason() == reason;
  }

  private ContactAddress current(Call call) throws ApiException {
    return scope.of(call).address().orElseThrow(() ->
        ApiException.notFound("there is no contact address; PUT /v1/address creates one"));
  }
}

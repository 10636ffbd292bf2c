package io.parley.daemon.api.resources;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.daemon.api.http.ApiException;
import io.parley.daemon.api.http.BodyPolicy;
import io.parley.daemon.api.http.Call;
import io.parley.daemon.api.http.Endpoint;
import io.parley.daemon.api.http.Json;
import io.parley.daemon.api.http.Reply;
import io.parley.daemon.api.http.Routes;
import io.parley.daemon.api.security.Access;
import io.parley.daemon.api.security.Tokens;
import io.parley.daemon.store.api.TokenScope;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Scoped tokens: create ({@code admin} or {@code send}; the token is shown once), list (without
 * tokens) and revoke. Admin only. Thread-safe.
 */
public final class TokenResource {
  private final Tokens tokens;

  public TokenResource(Tokens tokens) {
    this.tokens = tokens;
  }

  public void register(Routes routes) {
    routes.post("/v1/tokens", Access.ADMIN, BodyPolicy.JSON, Endpoint.of(this::create));
    routes.get("/v1/tokens", Access.ADMIN, Endpoint.of(call -> Reply.json(200,
        Map.of("tokens", tokens.list(call.principal().profileId()).stream().map(Views::token).toList()))));
    routes.delete("/v1/tokens/{id}", Access.ADMIN, Endpoint.of(call -> {
      if (!tokens.delete(call.path("id"), call.principal().profileId())) {
        throw ApiException.notFound("no such token");
      }
      return Reply.noContent();
    }));
  }

  private Reply create(Call call) throws Exception {
    ObjectNode body = call.json();
    String scopeName = Json.requiredString(body, "scope");
    TokenScope scope = TokenScope.parse(scopeName).orElseThrow(() ->
        ApiException.badRequest("'scope' must be admin or send"));
    String name = checkedName(body);
    Tokens.Created created = tokens.create(call.principal().profileId(), scope, name);
    return Reply.json(201, shown(created))
        .withHeader("Location", "/v1/tokens/" + created.row().id());
  }

  /** The optional {@code name} of a token to create. */
  static String checkedName(ObjectNode body) throws ApiException {
    String name = Json.optionalString(body, "name");
    if (name != null && name.length() > Tokens.MAX_NAME_CHARS) {
      throw ApiException.badRequest("'name' is longer than " + Tokens.MAX_NAME_CHARS);
    }
    return name;
  }

  /** A token just made, with the token itself (shown this once). */
  static Map<String, Object> shown(Tokens.Created created) {
    Map<String, Object> view = new LinkedHashMap<>(Views.token(created.row()));
    view.put("token", created.token());
    return view;
  }
}

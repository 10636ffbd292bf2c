package io.parley.daemon.api.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.agent.Agent;
import io.parley.agent.model.ProfileCommand;
import io.parley.agent.model.ProfileInfo;
import io.parley.daemon.api.http.ApiException;
import io.parley.daemon.api.http.BodyPolicy;
import io.parley.daemon.api.http.Call;
import io.parley.daemon.api.http.Endpoint;
import io.parley.daemon.api.http.Json;
import io.parley.daemon.api.http.Reply;
import io.parley.daemon.api.http.Routes;
import io.parley.daemon.api.security.Access;
import io.parley.daemon.api.security.Principal;
import io.parley.daemon.api.security.Tokens;
import io.parley.daemon.api.webhooks.WebhookDispatcher;
import io.parley.daemon.store.api.ApiStore;
import io.parley.daemon.store.api.TokenScope;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Profiles: identities of the daemon, each with its own connections, contact address, events,
 * consumers, webhooks and tokens. The owner token ({@code api.token}) creates and deletes
 * them and sees all; a profile's admin token sees and renames its own profile only, and any
 * other profile is 404 to it, so ids do not leak. Creating a profile creates an admin token
 * of it in the same unit, shown once. Thread-safe.
 */
public final class ProfileResource {
  /** The name of the admin token made with a profile. */
  static final String FIRST_TOKEN_NAME = "profile";

  private final Agent agent;
  private final Tokens tokens;
  private final ApiStore store;
  private final WebhookDispatcher webhooks;

  public ProfileResource(Agent agent, Tokens tokens, ApiStore store,
      WebhookDispatcher webhooks) {
    this.agent = agent;
    this.tokens = tokens;
    this.store = store;
    this.webhooks = webhooks;
  }

  public void register(Routes routes) {
    routes.get("/v1/profiles", Access.ADMIN, Endpoint.of(this::list));
    routes.post("/v1/profiles", Access.OWNER, BodyPolicy.JSON, this::create);
    routes.get("/v1/profiles/{id}", Access.ADMIN, Endpoint.of(call ->
        Reply.json(200, view(visible(call)))));
    routes.patch("/v1/profiles/{id}", Access.ADMIN, BodyPolicy.JSON, this::patch);
    routes.delete("/v1/profiles/{id}", Access.ADMIN, this::delete);
    routes.post("/v1/profiles/{id}/tokens", Access.OWNER, BodyPolicy.JSON,
        Endpoint.of(this::mintToken));
  }

  private Reply list(Call call) {
    Principal p = call.principal();
    List<Map<String, Object>> out = new ArrayList<>();
    for (ProfileInfo i : agent.profiles()) {
      if (p.owner() || i.id().equals(p.profileId())) {
        out.add(view(i));
      }
    }
    return Reply.json(200, Map.of("profiles", out));
  }

  private CompletionStage<Reply> create(Call call) throws ApiException {
    ObjectNode body = call.json();
    String name = Json.requiredString(body, "name");
    String description = Json.optionalString(body, "description");
    // The profile's id is only known inside the unit, so its token is made there.
    Tokens.Pending[] token = new Tokens.Pending[1];
    return agent.createProfile(name, description, id -> {
      token[0] = tokens.prepare(id, TokenScope.ADMIN, FIRST_TOKEN_NAME);
      return store.inUnit(token[0].work());
    }).thenApply(info -> {
      reloadTokens();
      Map<String, Object> m = view(info);
      m.put("token", TokenResource.shown(token[0].created()));
      return Reply.json(201, m).withHeader("Location", "/v1/profiles/" + info.id());
    });
  }

  private CompletionStage<Reply> patch(Call call) throws ApiException {
    ProfileInfo current = visible(call);
    ObjectNode body = call.json();
    String name = body.has("name") ? Json.requiredString(body, "name")
        : current.isDefault() ? null : current.displayName();
    String description = body.has("description") ? Json.optionalString(body, "description")
        : current.description();
    if (name == null) {
      name = current.displayName();
    }
    List<ProfileCommand> commands = body.has("commands") ? commands(body.get("commands"))
        : null;
    return agent.updateProfile(current.id(), name, description, commands)
        .thenApply(i -> Reply.json(200, view(i)));
  }

  private CompletionStage<Reply> delete(Call call) throws ApiException {
    ProfileInfo target = visible(call);
    if (!call.principal().owner()) {
      throw new ApiException(403, ApiException.FORBIDDEN,
          "only the owner token (api.token) deletes profiles");
    }
    String id = target.id();
    List<String> gone = new ArrayList<>();
    return agent.deleteProfile(id, store.inUnit(tx -> {
      gone.addAll(tx.webhooks().idsOfProfile(id));
      tx.webhooks().deleteOfProfile(id);
      tx.consumers().deleteOfProfile(id);
      tx.tokens().deleteOfProfile(id);
      tx.marks().deleteOfProfile(id);
      return null;
    })).thenApply(v -> {
      webhooks.forget(gone);
      reloadTokens();
      return Reply.noContent();
    });
  }

  private Reply mintToken(Call call) throws Exception {
    String id = call.path("id");
    if (agent.profileInfo(id).isEmpty()) {
      throw ApiException.notFound("no such profile");
    }
    ObjectNode body = call.json();
    TokenScope scope = TokenScope.parse(Json.requiredString(body, "scope")).orElseThrow(() ->
        ApiException.badRequest("'scope' must be admin or send"));
    String name = TokenResource.checkedName(body);
    Tokens.Created created = tokens.create(id, scope, name);
    return Reply.json(201, TokenResource.shown(created))
        .withHeader("Location", "/v1/tokens/" + created.row().id());
  }

  /** The profile in the path, if the caller may see it; else 404. */
  private ProfileInfo visible(Call call) throws ApiException {
    String id = call.path("id");
    Principal p = call.principal();
    if (!p.owner() && !id.equals(p.profileId())) {
      throw ApiException.notFound("no such profile");
    }
    return agent.profileInfo(id).orElseThrow(() -> ApiException.notFound("no such profile"));
  }

  private void reloadTokens() {
    try {
      tokens.reload();
    } catch (io.parley.agent.store.StoreException e) {
      throw new java.util.concurrent.CompletionException(e);
    }
  }

  /**
   * The {@code commands} of a PATCH: an array of {@code {"name","description"}} (null or
   * empty: none). A name may start with the slash a person types; it is stored without it.
   */
  static List<ProfileCommand> commands(JsonNode node) throws ApiException {
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw invalidCommands("'commands' must be an array of {\"name\", \"description\"}");
    }
    if (node.size() > ProfileCommand.MAX_COMMANDS) {
      throw invalidCommands("a profile publishes at most " + ProfileCommand.MAX_COMMANDS
          + " commands");
    }
    List<ProfileCommand> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (JsonNode c : node) {
      JsonNode n = c.get("name");
      JsonNode d = c.get("description");
      if (!c.isObject() || n == null || !n.isTextual() || (d != null && !d.isNull()
          && !d.isTextual())) {
        throw invalidCommands("each command is {\"name\": string, \"description\": string}");
      }
      String name = n.textValue().startsWith("/") ? n.textValue().substring(1) : n.textValue();
      String description = d == null || d.isNull() || d.textValue().isBlank() ? null
          : d.textValue().strip();
      if (!ProfileCommand.NAME.matcher(name).matches()) {
        throw invalidCommands("a command name is 1-" + ProfileCommand.MAX_NAME_CHARS
            + " of a-z 0-9 _ - (the slash is left out)");
      }
      if (description != null && (description.length() > ProfileCommand.MAX_DESCRIPTION_CHARS
          || description.codePoints().anyMatch(Character::isISOControl))) {
        throw invalidCommands("a command description is at most "
            + ProfileCommand.MAX_DESCRIPTION_CHARS + " characters on one line");
      }
      if (!names.add(name)) {
        throw invalidCommands("a command name appears twice");
      }
      out.add(new ProfileCommand(name, description));
    }
    return out;
  }

  private static ApiException invalidCommands(String message) {
    return new ApiException(422, ApiException.INVALID_COMMANDS, message);
  }

  /** Commands as the API shows them: {@code [{"name","description"}]}. */
  static List<Map<String, Object>> commandsView(List<ProfileCommand> commands) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (ProfileCommand c : commands) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", c.name());
      m.put("description", c.description());
      out.add(m);
    }
    return out;
  }

  static Map<String, Object> view(ProfileInfo i) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", i.id());
    m.put("name", i.displayName());
    m.put("description", i.description());
    m.put("default", i.isDefault());
    m.put("commands", commandsView(i.commands()));
    m.put("createdAt", i.createdAt().toString());
    return m;
  }
}

package io.parley.sdk;

import io.parley.sdk.internal.ApiPaths;
import io.parley.sdk.internal.HttpApi;
import io.parley.sdk.internal.HttpApi.Body;
import io.parley.sdk.model.ApiToken;
import io.parley.sdk.model.BotCommand;
import io.parley.sdk.model.NewProfile;
import io.parley.sdk.model.Profile;
import io.parley.sdk.model.TokenScope;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The daemon's profiles, from {@link ParleyClient#profiles()}. Creating, deleting and minting
 * tokens need the owner token ({@code api.token}); a profile's admin token sees and renames
 * its own profile only. Thread-safe.
 */
public final class Profiles {
  private final HttpApi http;

  Profiles(HttpApi http) {
    this.http = http;
  }

  /** The profiles this token may see: all for the owner token, else its own. */
  public List<Profile> list() {
    return http.call("GET", "/v1/profiles", Body.NONE, ProfileList.class).profiles();
  }

  /** The visible profile whose display name is {@code name}, if any. */
  public Optional<Profile> byName(String name) {
    return list().stream().filter(p -> p.name().equals(name)).findFirst();
  }

  public Profile get(String id) {
    return http.call("GET", "/v1/profiles/" + ApiPaths.segment(id), Body.NONE, Profile.class);
  }

  /**
   * Creates a profile and an admin token of it (owner token only).
   *
   * @param description a short description sent with the name, or null
   */
  public NewProfile create(String name, String description) {
    Objects.requireNonNull(name, "name");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", name);
    if (description != null) {
      body.put("description", description);
    }
    return http.call("POST", "/v1/profiles", Body.json(body), NewProfile.class);
  }

  /** Changes the name and description peers are sent from now on. */
  public Profile update(String id, String name, String description) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", name);
    body.put("description", description);
    return http.call("PATCH", "/v1/profiles/" + ApiPaths.segment(id), Body.json(body),
        Profile.class);
  }

  /**
   * Sets the commands the profile (a bot) publishes to peers in handshakes from now on,
   * replacing the previous list; empty for none. Peers see them as
   * {@code peerProfile.commands} of connections made from now on.
   *
   * @throws io.parley.sdk.error.ParleyException 422 {@code invalid_commands} for a list that
   *     breaks a rule, 422 {@code profile_too_large} when name, description and commands
   *     together exceed the handshake's limit
   */
  public Profile setCommands(String id, List<BotCommand> commands) {
    List<Map<String, Object>> list = new ArrayList<>();
    for (BotCommand c : commands) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", c.name());
      m.put("description", c.description());
      list.add(m);
    }
    return http.call("PATCH", "/v1/profiles/" + ApiPaths.segment(id),
        Body.json(Map.of("commands", list)), Profile.class);
  }

  /** Deletes a profile with its connections, address, events' readers and tokens. */
  public void delete(String id) {
    http.call("DELETE", "/v1/profiles/" + ApiPaths.segment(id), Body.NONE, Void.class);
  }

  /** A further token of a profile (owner token only); its token is shown only here. */
  public ApiToken createToken(String id, TokenScope scope, String name) {
    Objects.requireNonNull(scope, "scope");
    if (scope == TokenScope.UNKNOWN) {
      throw new IllegalArgumentException("choose ADMIN or SEND");
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("scope", scope.label());
    if (name != null) {
      body.put("name", name);
    }
    return http.call("POST", "/v1/profiles/" + ApiPaths.segment(id) + "/tokens",
        Body.json(body), ApiToken.class);
  }

  /** The list answer. */
  private record ProfileList(List<Profile> profiles) {
    ProfileList {
      profiles = profiles == null ? List.of() : List.copyOf(profiles);
    }
  }
}

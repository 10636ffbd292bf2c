package io.parley.daemon.api.resources;

import io.parley.daemon.api.http.ApiException;
import io.parley.daemon.api.http.AuthGuard;
import io.parley.daemon.api.http.BodyPolicy;
import io.parley.daemon.api.http.Call;
import io.parley.daemon.api.http.Endpoint;
import io.parley.daemon.api.http.Json;
import io.parley.daemon.api.http.Reply;
import io.parley.daemon.api.http.Routes;
import io.parley.daemon.api.security.Access;
import io.parley.daemon.api.security.Authenticator;
import io.parley.daemon.api.security.ConsoleSessions;
import io.parley.daemon.api.security.Principal;
import io.parley.daemon.api.security.SignInLinks;
import io.parley.agent.Agent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The web console (docs/console.md): its page and files, signing in with a token or a one-time
 * link, the session's CSRF token, switching profile (owner sessions), signing out, and new
 * sign-in links for the owner. Thread-safe.
 */
public final class ConsoleResource {
  private final Authenticator tokens;
  private final ConsoleSessions sessions;
  private final SignInLinks links;
  private final Agent agent;
  // A sign-in link's session acts with the owner token, authenticated again on each request.
  private final String ownerToken;
  private final ConsoleFiles files = ConsoleFiles.load();

  public ConsoleResource(Authenticator tokens, ConsoleSessions sessions, SignInLinks links,
      Agent agent, String ownerToken) {
    this.tokens = tokens;
    this.ownerToken = ownerToken;
    this.sessions = sessions;
    this.links = links;
    this.agent = agent;
  }

  public void register(Routes routes) {
    routes.get("/", Access.PUBLIC, Endpoint.of(call -> files.file(call, "index.html")));
    routes.get("/console/assets/{file}", Access.PUBLIC,
        Endpoint.of(call -> files.file(call, call.path("file"))));
    routes.get(SignInLinks.PATH, Access.PUBLIC, Endpoint.of(this::redeem));
    routes.post("/v1/console/sessions", Access.PUBLIC, BodyPolicy.JSON,
        Endpoint.of(this::signIn));
    routes.get("/v1/console/session", Access.SEND, Endpoint.of(this::session));
    routes.delete("/v1/console/session", Access.SEND, Endpoint.of(this::signOut));
    routes.put("/v1/console/session/profile", Access.OWNER, BodyPolicy.JSON,
        Endpoint.of(this::switchProfile));
    routes.post("/v1/console/sign-in-links", Access.OWNER, BodyPolicy.NONE,
        Endpoint.of(call -> Reply.json(201, link(call.header("Host")))));
  }

  /** A new one-time sign-in link for the owner, on {@code hostPort} (such as 127.0.0.1:8484). */
  public Map<String, Object> link(String hostPort) {
    SignInLinks.Issued issued = links.issue();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("url", "http://" + hostPort + SignInLinks.PATH + "?code=" + issued.code());
    m.put("expiresAt", Instant.ofEpochMilli(issued.expiresAtMillis()).toString());
    return m;
  }

  private Reply signIn(Call call) throws ApiException {
    String token = Json.requiredString(call.json(), "token");
    Principal p = tokens.authenticate(token).orElseThrow(() -> new ApiException(401,
        ApiException.UNAUTHORIZED, "that is not a valid token of this daemon"));
    ConsoleSessions.Session s = sessions.create(token);
    return Reply.json(201, view(s, p)).withHeader("Set-Cookie", cookie(s.id()));
  }

  /** Opens a one-time link: a fresh owner session and on to the console, or a refusal page. */
  private Reply redeem(Call call) throws ApiException {
    String code = call.query("code").orElse("");
    if (!links.redeem(code)) {
      return ConsoleFiles.secured(call, Reply.text(410, "text/plain; charset=utf-8",
          "This sign-in link was already used or has expired (links work once, for "
              + SignInLinks.LINK_LIFETIME.toMinutes() + " minutes).\n"
              + "Run `parleyd console` for a new one, or sign in with a token at /.\n"));
    }
    ConsoleSessions.Session s = sessions.create(ownerToken);
    return ConsoleFiles.secured(call, new Reply(303, null, new byte[0], Map.of()))
        .withHeader("Location", "/")
        .withHeader("Set-Cookie", cookie(s.id()))
        .withHeader("Cache-Control", "no-store");
  }

  private Reply session(Call call) throws ApiException {
    ConsoleSessions.Session s = requireSession(call);
    return Reply.json(200, view(s, call.principal()));
  }

  private Reply signOut(Call call) throws ApiException {
    ConsoleSessions.Session s = requireSession(call);
    sessions.delete(s.id());
    return Reply.noContent().withHeader("Set-Cookie", sessions.cookieName()
        + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
  }

  private Reply switchProfile(Call call) throws ApiException {
    ConsoleSessions.Session s = requireSession(call);
    String profile = Json.requiredString(call.json(), "profile");
    if (agent.profile(profile).isEmpty()) {
      throw ApiException.notFound("no such profile");
    }
    ConsoleSessions.Session switched = sessions.switchProfile(s.id(), profile)
        .orElseThrow(() -> ApiException.notFound("this session has ended"));
    Principal p = new Principal(call.principal().scope(), call.principal().tokenId(), profile);
    return Reply.json(200, view(switched, p));
  }

  private static ConsoleSessions.Session requireSession(Call call) throws ApiException {
    ConsoleSessions.Session s = call.exchange().getAttachment(AuthGuard.SESSION);
    if (s == null) {
      throw ApiException.notFound("this request carries a token, not a console session");
    }
    return s;
  }

  private String cookie(String id) {
    return sessions.cookieName() + "=" + id + "; Path=/; HttpOnly; SameSite=Strict";
  }

  private static Map<String, Object> view(ConsoleSessions.Session s, Principal p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("csrfToken", s.csrfToken());
    m.put("profile", p.profileId());
    m.put("scope", p.scope().label());
    m.put("owner", p.owner());
    return m;
  }
}

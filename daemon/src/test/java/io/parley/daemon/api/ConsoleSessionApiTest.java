package io.parley.daemon.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.daemon.api.ApiClient.Resp;
import io.parley.daemon.api.http.Json;
import io.parley.daemon.api.security.ConsoleSessions;
import io.parley.daemon.api.security.SignInLinks;
import io.parley.testkit.Await;
import io.parley.testkit.SettableClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web console's sessions over real HTTP (docs/console.md): cookie attributes, CSRF, Origin
 * pinning, one-time links, sign-out, revocation, the read marker and the verified flag.
 */
class ConsoleSessionApiTest {
  @TempDir Path dir;
  private ApiFixture fixture;
  private final SettableClock clock = new SettableClock(Instant.parse("2026-12-01T10:00:00Z"));
  private final HttpClient http = HttpClient.newBuilder()
      .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();

  @BeforeEach
  void start() throws Exception {
    fixture = new ApiFixture(dir);
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  /** A signed-in browser: its cookie header and CSRF token. */
  private record Browser(String cookie, String csrf) {}

  private Browser signIn(ApiFixture.Daemon d, String token) throws Exception {
    HttpResponse<String> r = send(d, "POST", "/v1/console/sessions", null, null,
        Json.MAPPER.writeValueAsString(Map.of("token", token)));
    assertEquals(201, r.statusCode(), r.body());
    String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
    String pair = setCookie.substring(0, setCookie.indexOf(';'));
    return new Browser(pair, Json.MAPPER.readTree(r.body()).get("csrfToken").asText());
  }

  private HttpResponse<String> send(ApiFixture.Daemon d, String method, String path,
      Browser b, String csrf, String json) throws Exception {
    return send(d, method, path, b, csrf, json, null);
  }

  private HttpResponse<String> send(ApiFixture.Daemon d, String method, String path,
      Browser b, String csrf, String json, String origin) throws Exception {
    HttpRequest.Builder req = HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + d.api().port() + path)).timeout(Duration.ofSeconds(30));
    if (b != null) {
      req.header("Cookie", b.cookie());
    }
    if (csrf != null) {
      req.header(ConsoleSessions.CSRF_HEADER, csrf);
    }
    if (origin != null) {
      req.header("Origin", origin);
    }
    if (json != null) {
      req.header("Content-Type", "application/json");
    }
    req.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(json));
    return http.send(req.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String code(HttpResponse<String> r) throws Exception {
    return Json.MAPPER.readTree(r.body()).path("error").path("code").asText();
  }

  @Test
  void aTokenSignsInWithAnHttpOnlyStrictPerPortCookieThatActsWithTheTokensRights()
      throws Exception {
    ApiFixture.Daemon alice = fixture.daemon("alice");
    HttpResponse<String> r = send(alice, "POST", "/v1/console/sessions", null, null,
        "{\"token\":\"" + alice.token() + "\"}");
    assertEquals(201, r.statusCode(), r.body());
    String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
    assertTrue(cookie.startsWith(ConsoleSessions.COOKIE_PREFIX + alice.api().port() + "="),
        cookie);
    assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict")
        && cookie.contains("Path=/"), cookie);
    assertFalse(cookie.contains(alice.token()), "the cookie is not the token");
    Browser b = signIn(alice, alice.token());
    assertEquals(200, send(alice, "GET", "/v1/connections", b, null, null).statusCode());
    JsonNode session = Json.MAPPER.readTree(
        send(alice, "GET", "/v1/console/session", b, null, null).body());
    assertEquals(b.csrf(), session.get("csrfToken").asText());
    assertTrue(session.get("owner").asBoolean());

    Resp send = alice.client().post("/v1/tokens", Map.of("scope", "send", "name", "phone"));
    Browser sendOnly = signIn(alice, send.json().get("token").asText());
    assertEquals(403, send(alice, "GET", "/v1/tokens", sendOnly, null, null).statusCode(),
        "a send token's session may not manage tokens");
    assertEquals(401, send(alice, "POST", "/v1/console/sessions", null, null,
        "{\"token\":\"not-a-token-of-this-daemon-at-all-0000\"}").statusCode());
  }

  @Test
  void aSessionsStateChangingRequestWithoutItsCsrfTokenIsRefusedAndChangesNothing()
      throws Exception {
    ApiFixture.Daemon alice = fixture.daemon("alice");
    Browser b = signIn(alice, alice.token());
    HttpResponse<String> none = send(alice, "POST", "/v1/invitations", b, null, "{}");
    assertEquals(403, none.statusCode(), none.body());
    assertEquals("csrf_required", code(none));
    HttpResponse<String> wrong = send(alice, "POST", "/v1/invitations", b, "x" + b.csrf(), "{}");
    assertEquals(403, wrong.statusCode());
    assertEquals(0, alice.client().get("/v1/connections").json().get("connections").size(),
        "no invitation was made");
    assertEquals(201, send(alice, "POST", "/v1/invitations", b, b.csrf(), "{}").statusCode());
  }

  @Test
  void aForeignOriginIsRefusedEvenWithAValidSessionAndCsrfToken() throws Exception {
    ApiFixture.Daemon alice = fixture.daemon("alice");
    Browser b = signIn(alice, alice.token());
    HttpResponse<String> r = send(alice, "POST", "/v1/invitations", b, b.csrf(), "{}",
        "http://evil.example");
    assertEquals(403, r.statusCode());
    assertEquals("foreign_origin", code(r));
    HttpResponse<String> sibling = send(alice, "GET", "/v1/connections", b, null, null,
        "http://127.0.0.1:" + (alice.api().port() + 1));
    assertEquals(403, sibling.statusCode(), "another port of the same host is another origin");
    assertEquals(0, alice.client().get("/v1/connections").json().get("connections").size());
  }

  @Test
  void aSignInLinkSignsInOnceAndNeverAgainNorAfterItsLifetime() throws Exception {
    ApiFixture.Daemon alice = fixture.daemon("alice", c -> c.clock(clock));
    String url = alice.api().consoleSignInUrl();
    String path = url.substring(url.indexOf(SignInLinks.PATH));
    HttpResponse<String> first = send(alice, "GET", path, null, null, null);
    assertEquals(303, first.statusCode());
    assertEquals("/", first.headers().firstValue("Location").orElseThrow());
    String cookie = first.headers().firstValue("Set-Cookie").orElseThrow();
    Browser b = new Browser(cookie.substring(0, cookie.indexOf(';')), null);
    assertEquals(200, send(alice, "GET", "/v1/console/session", b, null, null).statusCode());
    assertEquals(410, send(alice, "GET", path, null, null, null).statusCode(), "second use");

    String late = alice.api().consoleSignInUrl();
    clock.advance(SignInLinks.LINK_LIFETIME.plusSeconds(1));
    HttpResponse<String> expired = send(alice, "GET",
        late.substring(late.indexOf(SignInLinks.PATH)), null, null, null);
    assertEquals(410, expired.statusCode());
    assertTrue(expired.headers().firstValue("Set-Cookie").isEmpty());
  }

  @Test
  void signingOutOrRevokingTheTokenEndsTheSession() throws Exception {
    ApiFixture.Daemon alice = fixture.daemon("alice");
    Browser owner = signIn(alice, alice.token());
    assertEquals(204, send(alice, "DELETE", "/v1/console/session", owner, owner.csrf(), null)
        .statusCode());
    assertEquals(401, send(alice, "GET", "/v1/connections", owner, null, null).statusCode());

    Resp admin = alice.client().post("/v1/tokens", Map.of("scope", "admin"));
    Browser b = signIn(alice, admin.json().get("token").asText());
    assertEquals(200, send(alice, "GET", "/v1/tokens", b, null, null).statusCode());
    assertEquals(204, alice.client().delete("/v1/tokens/" + admin.json().get("id").asText())
        .status());
    assertEquals(401, send(alice, "GET", "/v1/tokens", b, null, null).statusCode());
  }

  @Test
  void theEventStreamsAcceptTheSessionCookieInsteadOfAHeaderToken() throws Exception {
    ApiFixture.Daemon alice = fixture.daemon("alice");
    Browser b = signIn(alice, alice.token());
    HttpRequest sse = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
        + alice.api().port() + "/v1/events/sse?after=0")).header("Cookie", b.cookie()).build();
    HttpResponse<java.io.InputStream> open = http.send(sse,
        HttpResponse.BodyHandlers.ofInputStream());
    try {
      assertEquals(200, open.statusCode());
      assertTrue(open.headers().firstValue("Content-Type").orElseThrow()
          .startsWith("text/event-stream"));
    } finally {
      open.body().close();
    }
    HttpRequest without = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
        + alice.api().port() + "/v1/events/sse?after=0")).build();
    assertEquals(401, http.send(without, HttpResponse.BodyHandlers.discarding()).statusCode());
  }

  @Test
  void anOwnerSessionSwitchesProfileWhileAProfileTokensSessionCannot() throws Exception {
    ApiFixture.Daemon alice = fixture.daemon("alice");
    JsonNode made = alice.client().post("/v1/profiles", Map.of("name", "Echo")).json();
    String profile = made.get("id").asText();
    alice.client().post("/v1/invitations", Map.of());
    Browser owner = signIn(alice, alice.token());
    HttpResponse<String> switched = send(alice, "PUT", "/v1/console/session/profile", owner,
        owner.csrf(), "{\"profile\":\"" + profile + "\"}");
    assertEquals(200, switched.statusCode(), switched.body());
    assertEquals(profile, Json.MAPPER.readTree(switched.body()).get("profile").asText());
    assertEquals(0, Json.MAPPER.readTree(send(alice, "GET", "/v1/connections", owner, null,
        null).body()).get("connections").size(), "the other profile's connections only");
    assertEquals(1, alice.client().get("/v1/connections").json().get("connections").size(),
        "the owner token itself still acts in the default profile");

    Browser echo = signIn(alice, made.get("token").get("token").asText());
    assertEquals(403, send(alice, "PUT", "/v1/console/session/profile", echo, echo.csrf(),
        "{\"profile\":\"default\"}").statusCode());
  }

  @Test
  void theConsolePageIsServedWithAStrictContentSecurityPolicyAndNoFraming() throws Exception {
    ApiFixture.Daemon alice = fixture.daemon("alice");
    HttpResponse<String> page = send(alice, "GET", "/", null, null, null);
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("/console/assets/app.js"));
    String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
    assertTrue(csp.startsWith("default-src 'self';"), csp);
    assertTrue(csp.contains("connect-src 'self' ws://127.0.0.1:" + alice.api().port()), csp);
    assertTrue(csp.contains("frame-ancestors 'none'"), csp);
    assertEquals("DENY", page.headers().firstValue("X-Frame-Options").orElseThrow());
    assertEquals("no-referrer", page.headers().firstValue("Referrer-Policy").orElseThrow());
    assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElseThrow());
    assertEquals(404, send(alice, "GET", "/console/assets/..%2Fapi.token", null, null, null)
        .statusCode());
  }

  @Test
  void theReadMarkerClearsUnreadAndTheVerifiedFlagIsKept() throws Exception {
    ApiFixture.Daemon alice = fixture.daemon("alice");
    ApiFixture.Daemon bob = fixture.daemon("bob");
    JsonNode inv = alice.client().post("/v1/invitations", Map.of()).json();
    String aliceConn = inv.get("connectionId").asText();
    String bobConn = bob.client().post("/v1/connections", Map.of("link",
        inv.get("link").asText())).json().get("connectionId").asText();
    Await.value("bob established", () -> bob.client().get("/v1/connections/" + bobConn),
        r -> r.json().path("status").asText().equals("established"));
    bob.client().postText("/v1/connections/" + bobConn + "/messages", "one");
    bob.client().postText("/v1/connections/" + bobConn + "/messages", "two");
    JsonNode listed = Await.value("two unread", () -> alice.client().get("/v1/connections")
        .json().get("connections").get(0), c -> c.path("unread").asInt() == 2);
    // On a mismatch the whole history (ids, times, integrity) says which way the texts came.
    String history = alice.client().get("/v1/connections/" + aliceConn + "/messages").json()
        .toString();
    assertEquals("two", listed.get("lastMessage").get("text").asText(), "history: " + history);
    assertFalse(listed.get("verified").asBoolean());
    String last = listed.get("lastMessage").get("id").asText();
    assertEquals(204, alice.client().post("/v1/connections/" + aliceConn + "/read",
        Map.of("upTo", last)).status());
    assertEquals(0, alice.client().get("/v1/connections/" + aliceConn).json().get("unread")
        .asInt());
    assertEquals(404, alice.client().post("/v1/connections/" + aliceConn + "/read",
        Map.of("upTo", "no-such-message")).status());
    assertTrue(alice.client().put("/v1/connections/" + aliceConn + "/verified",
        Map.of("verified", true)).json().get("verified").asBoolean());
    assertTrue(alice.client().get("/v1/connections/" + aliceConn).json().get("verified")
        .asBoolean());
    assertEquals(400, alice.client().put("/v1/connections/" + aliceConn + "/verified",
        Map.of("verified", "yes")).status());
  }
}

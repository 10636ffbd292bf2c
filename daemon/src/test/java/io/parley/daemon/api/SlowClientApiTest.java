package io.parley.daemon.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.daemon.api.ApiClient.Resp;
import io.parley.daemon.api.ApiFixture.Daemon;
import io.parley.daemon.api.http.Json;
import io.parley.testkit.Await;
import java.io.IOException;
import java.net.InetAddress;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that connect and stall (docs/threat-model.md, "Local API"): the head and body
 * deadlines, the connection caps, and service to authenticated clients while hostile
 * connections are open. Raw sockets play the hostile clients; real HTTP the good ones.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlowClientApiTest {
  /** Short deadlines keep the tests fast. UNIT: milliseconds. */
  private static final long SHORT_MILLIS = 400;
  /** Deadlines that outlast a test, to hold hostile connections open. UNIT: milliseconds. */
  private static final long LONG_MILLIS = 60_000;
  /** An authenticated request must be answered within this under attack. */
  private static final Duration PROMPT = Duration.ofSeconds(3);
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final int HOSTILE = 1_000;

  ApiFixture fx;
  Daemon alice;
  Daemon api;
  final List<RawHttp> raw = new ArrayList<>();

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    fx = new ApiFixture(dir);
    alice = fx.daemon("alice");
  }

  @AfterEach
  void closeRaw() throws IOException {
    for (RawHttp r : raw) {
      r.close();
    }
    raw.clear();
    if (api != null) {
      fx.stopApi(api);
      api = null;
    }
  }

  @AfterAll
  void stop() {
    fx.close();
  }

  private Daemon api(UnaryOperator<ApiConfig.Builder> tune) throws Exception {
    api = fx.attach(alice.agent(), tune);
    return api;
  }

  private RawHttp open(int port) throws IOException {
    RawHttp r = RawHttp.connect(port);
    raw.add(r);
    return r;
  }

  private static String head(int port, String requestLine, String token, int contentLength) {
    return requestLine + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
        + (token == null ? "" : "Authorization: Bearer " + token + "\r\n")
        + (contentLength < 0 ? "" : "Content-Type: application/json\r\nContent-Length: "
        + contentLength + "\r\n") + "\r\n";
  }

  @Test
  void aConnectionThatSendsNothingIsClosedAtTheHeadDeadline() throws Exception {
    Daemon d = api(b -> b.headerParseTimeoutMillis(SHORT_MILLIS));
    Duration closedAfter = open(d.api().port()).awaitClose(WAIT);
    assertTrue(closedAfter.toMillis() >= SHORT_MILLIS / 2, closedAfter.toString());
  }

  @Test
  void aBodyThatStopsShortOfItsContentLengthIsAnswered408AndClosedAtTheBodyDeadline()
      throws Exception {
    Daemon d = api(b -> b.bodyTimeoutMillis(SHORT_MILLIS));
    int port = d.api().port();
    int tokensBefore = d.client().get("/v1/tokens").json().get("tokens").size();
    RawHttp r = open(port).send(head(port, "POST /v1/tokens", d.token(), 100)
        + "{\"scope\": \"send\"");
    long t0 = System.nanoTime();
    RawHttp.Response resp = r.response(WAIT);
    long tookMillis = Duration.ofNanos(System.nanoTime() - t0).toMillis();
    assertEquals(408, resp.status(), resp.body());
    assertEquals("request_timeout",
        Json.MAPPER.readTree(resp.body()).path("error").path("code").asText());
    assertEquals("close", resp.header("Connection"));
    assertTrue(tookMillis >= SHORT_MILLIS / 2, tookMillis + " ms");
    r.awaitClose(WAIT);
    assertEquals(tokensBefore, d.client().get("/v1/tokens").json().get("tokens").size());
  }

  @Test
  void aRequestRefusedBeforeItsBodyIsReadIsAnsweredAndClosedWithoutWaitingForTheRest()
      throws Exception {
    Daemon d = api(b -> b.bodyTimeoutMillis(LONG_MILLIS).idleTimeoutMillis(LONG_MILLIS));
    int port = d.api().port();
    RawHttp r = open(port).send(head(port, "POST /v1/tokens", null, 100) + "{\"sco");
    RawHttp.Response resp = r.response(WAIT);
    assertEquals(401, resp.status());
    assertEquals("close", resp.header("Connection"));
    r.awaitClose(Duration.ofSeconds(5));
  }

  @Test
  void aKeptAliveConnectionServesTheNextRequestAfterABodyWasRead() throws Exception {
    Daemon d = api(b -> b);
    int port = d.api().port();
    String body = "{\"scope\": \"send\"}";
    RawHttp r = open(port).send(head(port, "POST /v1/tokens", d.token(), body.length()) + body);
    assertEquals(201, r.response(WAIT).status());
    r.send(head(port, "GET /v1/connections", d.token(), -1));
    RawHttp.Response next = r.response(WAIT);
    assertEquals(200, next.status());
    r.send(head(port, "GET /v1/health", null, -1));
    assertEquals(200, r.response(WAIT).status());
    assertTrue(r.silentAndOpen(), "kept alive");
  }

  /**
   * Hostile connections of three kinds: silent, half a head, and a full head (with a valid
   * send token, as a runaway bot would have) followed by half a body.
   */
  private List<RawHttp> hostile(Daemon d, int n, String sendToken) throws IOException {
    int port = d.api().port();
    List<RawHttp> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      RawHttp r = open(port);
      switch (i % 3) {
        case 1 -> r.send("POST /v1/connections/x/messages HTTP/1.1\r\nHost: 127.0");
        case 2 -> r.send(head(port, "POST /v1/connections/x/messages", sendToken, 1_000)
            + "{\"text\": \"hal");
        default -> { }
      }
      out.add(r);
    }
    return out;
  }

  private static void assertPromptlyServed(Daemon d) throws Exception {
    for (int i = 0; i < 5; i++) {
      // A fresh client each time: a new connection must get in, not just a pooled one.
      ApiClient c = new ApiClient(d.api().port(), d.token());
      long t0 = System.nanoTime();
      Resp r = c.send(c.request("/v1/connections").timeout(PROMPT).GET().build());
      Duration took = Duration.ofNanos(System.nanoTime() - t0);
      assertEquals(200, r.status(), r.body());
      assertTrue(took.compareTo(PROMPT) < 0, took.toString());
    }
  }

  private static String sendToken(Daemon d) throws Exception {
    return d.client().post("/v1/tokens", Map.of("scope", "send")).json().get("token").asText();
  }

  @Test
  void authenticatedRequestsAreAnsweredPromptlyWhileAThousandHostileConnectionsStayOpen()
      throws Exception {
    Daemon d = api(b -> b.headerParseTimeoutMillis(LONG_MILLIS).bodyTimeoutMillis(LONG_MILLIS)
        .maxConnections(HOSTILE + 100).maxConnectionsPerClient(HOSTILE + 100));
    List<RawHttp> hostile = hostile(d, HOSTILE, sendToken(d));
    assertPromptlyServed(d);
    for (int i = 0; i < hostile.size(); i += 7) {
      assertTrue(hostile.get(i).silentAndOpen(), "hostile connection " + i + " still held");
    }
  }

  @Test
  void atTheDefaultCapsAThousandHostileConnectionsGiveWayOldestFirstToAnAuthenticatedClient()
      throws Exception {
    Daemon d = api(b -> b.headerParseTimeoutMillis(LONG_MILLIS).bodyTimeoutMillis(LONG_MILLIS));
    List<RawHttp> hostile = hostile(d, HOSTILE, sendToken(d));
    assertPromptlyServed(d);
    assertFalse(hostile.get(0).silentAndOpen(), "the oldest hostile connection was closed");
    assertTrue(hostile.get(HOSTILE - 1).silentAndOpen(), "the newest one is still open");
  }

  @Test
  void whenEveryConnectionIsBeingServedANewOneIsRefused503WithTheEnvelope() throws Exception {
    Daemon d = api(b -> b.maxConnections(2).maxConnectionsPerClient(2)
        .sseKeepAliveMillis(SHORT_MILLIS));
    int port = d.api().port();
    List<RawHttp> streams = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      RawHttp s = open(port).send(head(port, "GET /v1/events/sse?after=latest", d.token(), -1));
      // The stream's head has come back: this connection is being served.
      assertEquals(200, s.response(WAIT).status());
      streams.add(s);
    }
    RawHttp.Response refused;
    try (RawHttp third = RawHttp.connect(port)) {
      refused = third.response(WAIT);
    }
    assertEquals(503, refused.status(), refused.body());
    assertEquals("too_many_connections",
        Json.MAPPER.readTree(refused.body()).path("error").path("code").asText());
    assertEquals("1", refused.header("Retry-After"));
    for (RawHttp s : streams) {
      assertTrue(s.staysOpenFor(Duration.ofMillis(SHORT_MILLIS * 2)),
          "a served stream is never closed to make room");
    }
  }

  @Test
  void anOpenWebSocketIsBeingServedSoItIsNeverClosedToMakeRoom() throws Exception {
    Daemon d = api(b -> b.maxConnections(1).maxConnectionsPerClient(1));
    try (WsClient ws = WsClient.connect(d.client(), "after=latest")) {
      RawHttp.Response refused;
      try (RawHttp other = RawHttp.connect(d.api().port())) {
        refused = other.response(WAIT);
      }
      assertEquals(503, refused.status(), refused.body());
      assertFalse(ws.closeCode.isDone(), "the WebSocket is still open");
    }
  }

  @Test
  void oneClientAddressAtItsCapClosesOnlyOneOfItsOwnConnections() throws Exception {
    Daemon d = api(b -> b.headerParseTimeoutMillis(LONG_MILLIS).maxConnectionsPerClient(3));
    int port = d.api().port();
    RawHttp other = open(port);
    InetAddress second = InetAddress.getByName("127.0.0.2");
    List<RawHttp> mine = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      RawHttp r = RawHttp.connectFrom(second, port);
      raw.add(r);
      mine.add(r);
    }
    // Which one goes depends on the order the I/O threads accepted them in; one must.
    Await.value("one of the four to be closed", () -> {
      int open = 0;
      for (RawHttp r : mine) {
        open += r.silentAndOpen() ? 1 : 0;
      }
      return open;
    }, open -> open == 3);
    assertTrue(other.silentAndOpen(), "another address keeps its connection");
    other.send(head(port, "GET /v1/health", null, -1));
    assertEquals(200, other.response(WAIT).status());
  }

  @Test
  void anAuthenticatedClientIsServedOverAConnectionThatWasAdmittedAtTheCap()
      throws Exception {
    Daemon d = api(b -> b.headerParseTimeoutMillis(LONG_MILLIS).maxConnections(4)
        .maxConnectionsPerClient(4));
    hostile(d, 4, "none");
    ApiClient c = new ApiClient(d.api().port(), d.token());
    Resp r = c.send(c.request("/v1/info").timeout(PROMPT).GET().build());
    assertEquals(200, r.status(), r.body());
    HttpRequest again = c.request("/v1/connections").timeout(PROMPT).GET().build();
    assertEquals(200, c.send(again).status(), "and over the same kept-alive connection");
  }
}

package io.parley.daemon.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.daemon.api.ApiClient.Resp;
import io.parley.daemon.api.ApiFixture.Daemon;
import io.parley.daemon.api.http.Json;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shape of what clients send: bytes that are not UTF-8 inside JSON, empty bodies,
 * fragmented WebSocket messages, and heads the HTTP parser refuses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestShapeApiTest {
  private static final long MAX_WS_MESSAGE = 256;
  private static final Duration WAIT = Duration.ofSeconds(10);

  ApiFixture fx;
  Daemon alice;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    fx = new ApiFixture(dir);
    alice = fx.daemon("alice", b -> b.maxWebSocketMessageBytes(MAX_WS_MESSAGE));
  }

  @AfterAll
  void stop() {
    fx.close();
  }

  private Resp postJsonBytes(String path, byte[] body) throws Exception {
    return alice.client().send(alice.client().request(path)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
  }

  private static byte[] bytes(String before, int[] raw, String after) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(before.getBytes(StandardCharsets.UTF_8));
    for (int x : raw) {
      b.write(x);
    }
    b.writeBytes(after.getBytes(StandardCharsets.UTF_8));
    return b.toByteArray();
  }

  private int connections() throws Exception {
    return alice.client().get("/v1/connections").json().get("connections").size();
  }

  @Test
  void jsonWithAnOverlongUtf8SequenceIs400AndCreatesNothing() throws Exception {
    int before = connections();
    // C0 AF is an overlong '/': a lenient decoder would store the alias "x/y".
    Resp r = postJsonBytes("/v1/invitations",
        bytes("{\"alias\": \"x", new int[] {0xC0, 0xAF}, "y\"}"));
    assertEquals(400, r.status(), r.body());
    assertEquals("bad_request", r.errorCode());
    assertEquals(before, connections());
  }

  @Test
  void jsonWithALoneSurrogateEscapedOrEncodedIs400AndCreatesNothing() throws Exception {
    int before = connections();
    Resp escaped = postJsonBytes("/v1/invitations",
        "{\"alias\": \"x\\ud800y\"}".getBytes(StandardCharsets.US_ASCII));
    assertEquals(400, escaped.status(), escaped.body());
    Resp inName = postJsonBytes("/v1/invitations",
        "{\"al\\udc00ias\": \"x\"}".getBytes(StandardCharsets.US_ASCII));
    assertEquals(400, inName.status(), inName.body());
    Resp encoded = postJsonBytes("/v1/invitations",
        bytes("{\"alias\": \"x", new int[] {0xED, 0xA0, 0x80}, "y\"}"));
    assertEquals(400, encoded.status(), encoded.body());
    assertEquals(before, connections());
    Resp paired = postJsonBytes("/v1/invitations",
        "{\"alias\": \"x\\ud83d\\ude00y\"}".getBytes(StandardCharsets.US_ASCII));
    assertEquals(201, paired.status(), "a whole surrogate pair is a character: " + paired.body());
  }

  @Test
  void anEmptyBodyIsAnsweredExactlyAsAnEmptyJsonObjectOnEveryEndpointThatTakesJson()
      throws Exception {
    String[][] routes = {{"POST", "/v1/tokens"}, {"POST", "/v1/webhooks"},
        {"POST", "/v1/consumers/c/ack"}, {"POST", "/v1/connections"},
        {"POST", "/v1/connections/nope/messages"}, {"PATCH", "/v1/connections/nope"}};
    for (String[] route : routes) {
      Resp empty = alice.client().send(alice.client().request(route[1])
          .method(route[0], HttpRequest.BodyPublishers.noBody()).build());
      Resp object = alice.client().send(alice.client().request(route[1])
          .header("Content-Type", "application/json")
          .method(route[0], HttpRequest.BodyPublishers.ofString("{}")).build());
      assertEquals(object.status(), empty.status(), route[1] + ": " + empty.body());
      assertEquals(object.body(), empty.body(), route[1]);
    }
    // Where every field is optional, no body means all defaults.
    assertEquals(201, alice.client().postEmpty("/v1/invitations").status());
    Resp address = alice.client().send(alice.client().request("/v1/address")
        .PUT(HttpRequest.BodyPublishers.noBody()).build());
    assertTrue(address.status() == 201 || address.status() == 200, address.body());
    assertEquals(false, address.json().get("autoAccept").asBoolean());
    Resp token = alice.client().postEmpty("/v1/tokens");
    assertEquals(400, token.status());
    assertTrue(token.json().path("error").path("message").asText().contains("'scope'"),
        "the error names the required field: " + token.body());
  }

  @Test
  void aFragmentedWebSocketMessageOverTheLimitClosesTheSocketWith1009() throws Exception {
    try (WsClient ws = WsClient.connect(alice.client(), "after=latest")) {
      String part = "x".repeat((int) MAX_WS_MESSAGE / 2);
      ws.socket().sendText(part, false).get(10, TimeUnit.SECONDS);
      ws.socket().sendText(part, false).get(10, TimeUnit.SECONDS);
      ws.socket().sendText(part, true);
      assertEquals(1009, ws.closeCode.get(30, TimeUnit.SECONDS));
    }
  }

  private RawHttp.Response rawResponse(String request) throws Exception {
    try (RawHttp r = RawHttp.connect(alice.api().port())) {
      return r.send(request).response(WAIT);
    }
  }

  private static void assertEnvelope400(RawHttp.Response r) throws Exception {
    assertEquals(400, r.status(), r.body());
    assertTrue(r.header("Content-Type").startsWith("application/json"), r.headers().toString());
    assertEquals("bad_request",
        Json.MAPPER.readTree(r.body()).path("error").path("code").asText(), r.body());
    assertEquals("no-store", r.header("Cache-Control"));
  }

  @Test
  void aHeadOverTheSizeLimitIsAnswered400WithTheErrorEnvelope() throws Exception {
    int port = alice.api().port();
    assertEnvelope400(rawResponse("GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1:" + port
        + "\r\nX-Big: " + "a".repeat(ApiServer.MAX_HEADER_BYTES) + "\r\n\r\n"));
  }

  @Test
  void aPathWithBytesAPathMayNotHoldIsAnswered400WithTheErrorEnvelope() throws Exception {
    int port = alice.api().port();
    assertEnvelope400(rawResponse("GET /v1/he\u0001alth HTTP/1.1\r\nHost: 127.0.0.1:" + port
        + "\r\n\r\n"));
    assertEnvelope400(rawResponse("GET /v1/\u00ffhealth HTTP/1.1\r\nHost: 127.0.0.1:" + port
        + "\r\n\r\n"));
  }
}

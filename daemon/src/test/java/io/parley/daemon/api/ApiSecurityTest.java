package io.parley.daemon.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.daemon.api.ApiClient.Resp;
import io.parley.daemon.api.ApiFixture.Daemon;
import io.parley.testkit.LeakCheck;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The API's defences: tokens and scopes, Host and Origin checks, limits and timeouts. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(LeakCheck.class)
class ApiSecurityTest {
  private static final long MAX_BODY = 4_096;
  private static final long MAX_WS_MESSAGE = 256;
  private static final long HEADER_TIMEOUT_MILLIS = 500;

  ApiFixture fx;
  Daemon alice;
  Daemon bob;
  String aliceToBob;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    fx = new ApiFixture(dir);
    alice = fx.daemon("alice", b -> b.maxBodyBytes(MAX_BODY)
        .maxWebSocketMessageBytes(MAX_WS_MESSAGE).headerParseTimeoutMillis(HEADER_TIMEOUT_MILLIS));
    bob = fx.daemon("bob");
    aliceToBob = fx.network().connect(alice.agent(), bob.agent()).inviterConnection();
  }

  @AfterAll
  void stop() {
    fx.close();
  }

  @Test
  void theTokenFileIsOwnerOnlyAndKeptAcrossRestarts() throws Exception {
    Path file = alice.api().tokenFile();
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    String token = Files.readString(file).trim();
    assertTrue(token.length() >= 43, "256 bits in base64url");
    Daemon again = fx.attach(alice.agent(), b -> b);
    assertEquals(token, again.token());
    assertEquals(200, again.client().get("/v1/info").status());
    fx.stopApi(again);
  }

  @Test
  void noTokenOrAWrongTokenIs401WithABearerChallenge() throws Exception {
    Resp none = alice.client().withToken(null).get("/v1/connections");
    assertEquals(401, none.status());
    assertEquals("unauthorized", none.errorCode());
    assertTrue(none.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
    Resp wrong = alice.client().withToken(alice.token() + "x").get("/v1/connections");
    assertEquals(401, wrong.status());
    Resp basic = alice.client().send(alice.client().withToken(null).request("/v1/info")
        .header("Authorization", "Basic " + alice.token()).GET().build());
    assertEquals(401, basic.status());
  }

  @Test
  void healthAndTheOpenApiDocumentNeedNoToken() throws Exception {
    ApiClient anonymous = alice.client().withToken(null);
    Resp health = anonymous.get("/v1/health");
    assertEquals(200, health.status());
    assertEquals("ok", health.json().get("status").asText());
    Resp spec = anonymous.get("/v1/openapi.yaml");
    assertEquals(200, spec.status());
    assertTrue(spec.body().startsWith("openapi:"), spec.body());
  }

  @Test
  void aSendTokenListsConnectionsAndSendsButIsRefusedEverythingElse() throws Exception {
    Resp created = alice.client().post("/v1/tokens", Map.of("scope", "send", "name", "alerts"));
    assertEquals(201, created.status(), created.body());
    ApiClient send = alice.client().withToken(created.json().get("token").asText());
    assertEquals(200, send.get("/v1/connections").status());
    assertEquals(200, send.get("/v1/connections/" + aliceToBob).status());
    assertEquals(202, send.postText("/v1/connections/" + aliceToBob + "/messages", "hi")
        .status());
    for (Resp r : new Resp[] {send.get("/v1/events"), send.post("/v1/invitations", null),
        send.get("/v1/tokens"), send.get("/v1/info"), send.get("/metrics"),
        send.delete("/v1/connections/" + aliceToBob),
        send.get("/v1/connections/" + aliceToBob + "/messages")}) {
      assertEquals(403, r.status(), r.body());
      assertEquals("forbidden", r.errorCode());
    }
    String id = created.json().get("id").asText();
    assertEquals(204, alice.client().delete("/v1/tokens/" + id).status());
    assertEquals(401, send.get("/v1/connections").status());
  }

  @Test
  void anAdminTokenCreatedThroughTheApiCanDoWhatTheRootTokenCan() throws Exception {
    Resp created = alice.client().post("/v1/tokens", Map.of("scope", "admin"));
    ApiClient admin = alice.client().withToken(created.json().get("token").asText());
    assertEquals(200, admin.get("/v1/events?limit=1").status());
    Resp listed = alice.client().get("/v1/tokens");
    assertTrue(listed.json().get("tokens").findValuesAsText("id")
        .contains(created.json().get("id").asText()));
    assertFalse(listed.body().contains(created.json().get("token").asText()),
        "a listing never shows a token");
  }

  @Test
  void aForeignHostHeaderIs421AndLoopbackNamesAreServed() throws Exception {
    int port = alice.api().port();
    assertEquals("421", statusLine(port, "GET /v1/health HTTP/1.1\r\nHost: "
        + "attacker.example:" + port + "\r\nConnection: close\r\n\r\n"));
    assertEquals("421", statusLine(port, "GET /v1/health HTTP/1.1\r\nHost: "
        + "127.0.0.1:" + (port + 1) + "\r\nConnection: close\r\n\r\n"));
    assertEquals("421", statusLine(port,
        "GET /v1/health HTTP/1.0\r\nConnection: close\r\n\r\n"));
    for (String host : new String[] {"localhost", "127.0.0.1", "[::1]"}) {
      assertEquals("200", statusLine(port, "GET /v1/health HTTP/1.1\r\nHost: " + host
          + ":" + port + "\r\nConnection: close\r\n\r\n"), host);
    }
  }

  @Test
  void aForeignOriginIs403OnRequestsAndWebSocketUpgrades() throws Exception {
    Resp foreign = alice.client().send(alice.client().request("/v1/connections")
        .header("Origin", "https://attacker.example").GET().build());
    assertEquals(403, foreign.status());
    assertEquals("foreign_origin", foreign.errorCode());
    assertTrue(foreign.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
    Resp same = alice.client().send(alice.client().request("/v1/connections")
        .header("Origin", alice.client().base()).GET().build());
    assertEquals(200, same.status());

    CompletableFuture<?> ws = alice.client().http().newWebSocketBuilder()
        .header("Authorization", "Bearer " + alice.token())
        .header("Origin", "https://attacker.example")
        .buildAsync(URI.create(alice.client().base().replace("http:", "ws:")
            + "/v1/events/ws"), new WsClient());
    ExecutionException e = assertThrows(ExecutionException.class,
        () -> ws.get(30, TimeUnit.SECONDS));
    assertTrue(e.getCause() instanceof WebSocketHandshakeException, e.toString());
    assertEquals(403, ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode());
  }

  @Test
  void aTextPlainPostWithoutTokenHasNoEffect() throws Exception {
    String history = "/v1/connections/" + aliceToBob + "/messages?limit=500";
    int before = alice.client().get(history).json().get("messages").size();
    int connections = alice.client().get("/v1/connections").json().get("connections").size();
    ApiClient anonymous = alice.client().withToken(null);
    Resp send = anonymous.postText("/v1/connections/" + aliceToBob + "/messages", "forged");
    Resp invite = anonymous.postText("/v1/invitations", "");
    Resp delete = anonymous.delete("/v1/connections/" + aliceToBob);
    assertEquals(401, send.status());
    assertEquals(401, invite.status());
    assertEquals(401, delete.status());
    assertEquals(before, alice.client().get(history).json().get("messages").size());
    assertEquals(connections,
        alice.client().get("/v1/connections").json().get("connections").size());
    assertEquals("established", alice.client().get("/v1/connections/" + aliceToBob).json()
        .get("status").asText());
  }

  @Test
  void aFormEncodedBodyIs415() throws Exception {
    Resp r = alice.client().send(alice.client().request("/v1/connections/" + aliceToBob
        + "/messages").header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("text=hi")).build());
    assertEquals(415, r.status());
    assertEquals("unsupported_media_type", r.errorCode());
    Resp latin1 = alice.client().send(alice.client().request("/v1/connections/" + aliceToBob
        + "/messages").header("Content-Type", "text/plain; charset=iso-8859-1")
        .POST(HttpRequest.BodyPublishers.ofString("hi")).build());
    assertEquals(415, latin1.status());
  }

  @Test
  void aBodyOverTheLimitIs413WithOrWithoutAContentLength() throws Exception {
    String big = "x".repeat((int) MAX_BODY + 1);
    Resp sized = alice.client().postText("/v1/connections/" + aliceToBob + "/messages", big);
    assertEquals(413, sized.status());
    assertEquals("too_large", sized.errorCode());
    Resp chunked = alice.client().send(alice.client().request("/v1/connections/" + aliceToBob
        + "/messages").header("Content-Type", "text/plain")
        .POST(HttpRequest.BodyPublishers.ofInputStream(() ->
            new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8)))).build());
    assertEquals(413, chunked.status());
  }

  @Test
  void aClientThatWritesAWholeOversizedBodyBeforeReadingStillGetsThe413() throws Exception {
    int port = alice.api().port();
    int length = 900 * 1024;
    String head = "POST /v1/connections/" + aliceToBob + "/messages HTTP/1.1\r\nHost: 127.0.0.1:"
        + port + "\r\nAuthorization: Bearer " + alice.client().token()
        + "\r\nContent-Type: text/plain\r\nContent-Length: " + length + "\r\n\r\n";
    // Closing before the body is read would reset the connection under this writer.
    assertEquals("413", statusLine(port, head + "x".repeat(length)));
  }

  @Test
  void aWebSocketMessageOverTheLimitClosesTheSocketWith1009() throws Exception {
    try (WsClient ws = WsClient.connect(alice.client(), "after=latest")) {
      ws.socket().sendText("x".repeat((int) MAX_WS_MESSAGE + 1), true);
      assertEquals(1009, ws.closeCode.get(30, TimeUnit.SECONDS));
    }
  }

  @Test
  void aRequestHeadSentByteByByteIsCutOffByTheParseTimeout() throws Exception {
    int port = alice.api().port();
    byte[] head = ("GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nX-Slow: "
        + "a".repeat(100) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    long pauseMillis = 20;
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(30_000);
      CompletableFuture<Integer> read = CompletableFuture.supplyAsync(() -> {
        try {
          return s.getInputStream().read();
        } catch (IOException e) {
          return -1;
        }
      });
      long t0 = System.nanoTime();
      OutputStream out = s.getOutputStream();
      int sent = 0;
      try {
        for (byte b : head) {
          out.write(b);
          out.flush();
          sent++;
          if (read.isDone()) {
            break;
          }
          // Pacing, not synchronisation: this is the slow client under test.
          Thread.sleep(pauseMillis);
        }
      } catch (IOException e) {
        // The server closed the connection while we were still writing: what we expect.
      }
      assertEquals(-1, (int) read.get(30, TimeUnit.SECONDS), "no response, just a close");
      long elapsedMillis = Duration.ofNanos(System.nanoTime() - t0).toMillis();
      assertTrue(sent < head.length, "cut off after " + sent + " of " + head.length + " bytes");
      assertTrue(elapsedMillis < head.length * pauseMillis, elapsedMillis + " ms");
    }
  }

  @Test
  void unknownPathsAre404AndWrongMethods405InTheErrorEnvelope() throws Exception {
    Resp missing = alice.client().get("/v1/nothing");
    assertEquals(404, missing.status());
    assertEquals("not_found", missing.errorCode());
    Resp method = alice.client().send(alice.client().request("/v1/health")
        .method("PATCH", HttpRequest.BodyPublishers.noBody()).build());
    assertEquals(405, method.status());
    assertEquals("method_not_allowed", method.errorCode());
  }

  /** Sends a raw request and returns the status code of the answer. */
  private static String statusLine(int port, String request) throws IOException {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(10_000);
      s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      s.getOutputStream().flush();
      InputStream in = s.getInputStream();
      StringBuilder sb = new StringBuilder();
      for (int c = in.read(); c != -1 && c != '\r' && sb.length() < 100; c = in.read()) {
        sb.append((char) c);
      }
      String[] parts = sb.toString().split(" ");
      return parts.length > 1 ? parts[1] : sb.toString();
    }
  }
}

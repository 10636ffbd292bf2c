package io.parley.bots.notifier.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.bots.notifier.service.NotifierService;
import io.parley.bots.notifier.config.NotifierConfig;
import io.parley.bots.notifier.delivery.ChatUnavailableException;
import io.parley.bots.notifier.delivery.DeliverySettings;
import io.parley.bots.notifier.testing.RecordingGateway;
import io.parley.bots.notifier.testing.Samples;
import io.parley.testkit.PrometheusText;
import io.parley.testkit.SettableClock;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotifyReceiverTest {
  private static final String TOKEN = "test-notify-token-0123456789";
  private static final long LIMIT_BYTES = 4096;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;
  private final RecordingGateway gateway = new RecordingGateway();
  private final HttpClient http = HttpClient.newHttpClient();
  private NotifierService service;

  @BeforeEach
  void start() throws Exception {
    NotifierConfig config = new NotifierConfig(URI.create("http://127.0.0.1:1"), "unused",
        "127.0.0.1", 0, dir, TOKEN, new ReceiverSettings(LIMIT_BYTES, 7),
        DeliverySettings.defaults());
    service = NotifierService.start(config, gateway,
        new SettableClock(Instant.parse("2025-01-01T00:00:00Z")));
    service.commands().subscribe("conn-a", List.of("prod"));
  }

  @AfterEach
  void stop() {
    service.close();
  }

  private HttpResponse<String> send(String pathAndQuery, BodyPublisher body,
      UnaryOperator<HttpRequest.Builder> tune) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + service.receiverPort() + pathAndQuery))
        .POST(body);
    return http.send(tune.apply(b).build(), BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String pathAndQuery, String body,
      UnaryOperator<HttpRequest.Builder> tune) throws Exception {
    return send(pathAndQuery, BodyPublishers.ofString(body), tune);
  }

  private static UnaryOperator<HttpRequest.Builder> bearer(String token) {
    return b -> b.header("Authorization", "Bearer " + token);
  }

  private static JsonNode json(HttpResponse<String> r) throws Exception {
    return JSON.readTree(r.body());
  }

  @Test
  void bearerBasicAndQueryTokensAreEachAccepted() throws Exception {
    String basic = Base64.getEncoder().encodeToString(("alertmanager:" + TOKEN).getBytes(UTF_8));
    List<HttpResponse<String>> answers = List.of(
        post("/notify/prod", "one", bearer(TOKEN)),
        post("/notify/prod", "two", b -> b.header("Authorization", "Basic " + basic)),
        post("/notify/prod?token=" + TOKEN, "three", b -> b));
    for (HttpResponse<String> r : answers) {
      assertEquals(200, r.statusCode(), r.body());
    }
    assertEquals(List.of("📣 [prod]\none", "📣 [prod]\ntwo", "📣 [prod]\nthree"),
        gateway.textsTo("conn-a"));
  }

  @Test
  void aMissingOrWrongTokenGets401WithAChallengeAndSendsNothing() throws Exception {
    String userOnly = Base64.getEncoder().encodeToString((TOKEN + ":").getBytes(UTF_8));
    List<HttpResponse<String>> answers = List.of(
        post("/notify/prod", "x", b -> b),
        post("/notify/prod", "x", bearer(TOKEN + "x")),
        post("/notify/prod", "x", b -> b.header("Authorization", "Basic " + userOnly)),
        post("/notify/prod", "x", b -> b.header("Authorization", "Basic %%%")),
        post("/notify/prod?token=nope", "x", b -> b));
    for (HttpResponse<String> r : answers) {
      assertEquals(401, r.statusCode());
      assertEquals("unauthorized", json(r).at("/error/code").asText());
      assertTrue(r.headers().firstValue("WWW-Authenticate").orElse("").contains("Basic"));
    }
    assertEquals(0, gateway.attempts("conn-a"));
  }

  @Test
  void anAcceptedAlertAnswersWithWhatHappenedPerSubscriber() throws Exception {
    service.commands().subscribe("conn-b", List.of("prod"));
    service.commands().mute("conn-b", List.of("60"));
    HttpResponse<String> r = post("/notify/Prod",
        new String(Samples.bytes("alertmanager-firing.json"), UTF_8),
        b -> bearer(TOKEN).apply(b).header("Content-Type", "application/json"));
    assertEquals(200, r.statusCode(), r.body());
    JsonNode result = json(r);
    assertTrue(result.get("ok") == null, "the daemon's shape: the result itself");
    assertEquals("prod", result.get("topic").asText());
    assertEquals("alertmanager", result.get("format").asText());
    assertEquals("firing", result.get("status").asText());
    assertEquals(2, result.get("subscribers").asInt());
    assertEquals(1, result.get("queued").asInt());
    assertEquals(1, result.get("muted").asInt());
  }

  @Test
  void putIsAcceptedLikePostForGrafana() throws Exception {
    HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
        + service.receiverPort() + "/notify/prod"))
        .PUT(BodyPublishers.ofByteArray(Samples.bytes("grafana-firing.json")))
        .header("Authorization", "Bearer " + TOKEN).build();
    HttpResponse<String> r = http.send(req, BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    assertEquals("grafana", json(r).at("/format").asText());
  }

  @Test
  void badTopicsAndBadPayloadsGet400WithAReason() throws Exception {
    HttpResponse<String> topic = post("/notify/-bad", "x", bearer(TOKEN));
    assertEquals(400, topic.statusCode());
    assertEquals("bad_topic", json(topic).at("/error/code").asText());
    HttpResponse<String> malformed = post("/notify/prod", "{\"alerts\": [", b ->
        bearer(TOKEN).apply(b).header("Content-Type", "application/json"));
    assertEquals(400, malformed.statusCode());
    assertEquals("bad_payload", json(malformed).at("/error/code").asText());
    assertTrue(json(malformed).at("/error/message").asText().startsWith("malformed JSON at"));
    HttpResponse<String> shape = post("/notify/prod", "{\"status\":\"firing\",\"alerts\":7}",
        bearer(TOKEN));
    assertEquals("Alertmanager payload: 'alerts' must be an array",
        json(shape).at("/error/message").asText());
    assertEquals(0, gateway.attempts("conn-a"));
  }

  @Test
  void aBodyOverTheLimitGets413WhetherDeclaredOrChunked() throws Exception {
    byte[] big = new byte[(int) LIMIT_BYTES + 1];
    java.util.Arrays.fill(big, (byte) 'a');
    HttpResponse<String> declared = send("/notify/prod", BodyPublishers.ofByteArray(big),
        bearer(TOKEN));
    assertEquals(413, declared.statusCode());
    assertTrue(json(declared).at("/error/message").asText().contains("4096 bytes"));
    HttpResponse<String> chunked = send("/notify/prod",
        BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)), bearer(TOKEN));
    assertEquals(413, chunked.statusCode());
    byte[] fits = new byte[(int) LIMIT_BYTES];
    java.util.Arrays.fill(fits, (byte) 'b');
    assertEquals(200, send("/notify/prod", BodyPublishers.ofByteArray(fits), bearer(TOKEN))
        .statusCode());
    assertEquals(1, gateway.sent().size());
  }

  @Test
  void whenTheDaemonCannotQueueTheAnswerIs503WithRetryAfterAndARetrySucceeds()
      throws Exception {
    gateway.failWith(conn -> new ChatUnavailableException("connection refused", null));
    HttpResponse<String> down = post("/notify/prod", "disk full", bearer(TOKEN));
    assertEquals(503, down.statusCode());
    assertEquals("7", down.headers().firstValue("Retry-After").orElse(""));
    assertEquals("daemon_unavailable", json(down).at("/error/code").asText());
    gateway.failWith(conn -> null);
    assertEquals(200, post("/notify/prod", "disk full", bearer(TOKEN)).statusCode());
    assertEquals(List.of("📣 [prod]\ndisk full"), gateway.textsTo("conn-a"));
  }

  @Test
  void aTopicNobodySubscribesToIsAnswered404WithAReasonAndSendsNothing() throws Exception {
    HttpResponse<String> r = post("/notify/nobody", "disk full", bearer(TOKEN));
    assertEquals(404, r.statusCode(), r.body());
    assertEquals("no_subscribers", json(r).at("/error/code").asText());
    assertTrue(json(r).at("/error/message").asText().startsWith(
        "nobody subscribes to the topic 'nobody', so the alert reaches no one"), r.body());
    assertEquals(0, gateway.sent().size());
  }

  @Test
  void aTopicNobodySubscribesToIsAccepted200WhenConfiguredSo() throws Exception {
    service.close();
    service = NotifierService.start(new NotifierConfig(URI.create("http://127.0.0.1:1"),
        "unused", "127.0.0.1", 0, dir, TOKEN,
        new ReceiverSettings(LIMIT_BYTES, 7).withAcceptUnsubscribedTopics(true),
        DeliverySettings.defaults()), gateway,
        new SettableClock(Instant.parse("2025-01-01T00:00:00Z")));
    HttpResponse<String> r = post("/notify/nobody", "disk full", bearer(TOKEN));
    assertEquals(200, r.statusCode(), r.body());
    assertEquals(0, json(r).at("/subscribers").asInt());
  }

  private HttpResponse<String> get(String path, UnaryOperator<HttpRequest.Builder> tune)
      throws Exception {
    return http.send(tune.apply(HttpRequest.newBuilder(URI.create(
        "http://127.0.0.1:" + service.receiverPort() + path))).build(), BodyHandlers.ofString());
  }

  @Test
  void healthAndReadinessAnswerInTheDaemonsShapesWithoutATokenAndTheOldPathStillAnswers()
      throws Exception {
    for (String path : new String[] {"/v1/health", "/healthz"}) {
      HttpResponse<String> health = get(path, b -> b);
      assertEquals(200, health.statusCode(), path);
      assertEquals("ok", json(health).get("status").asText(), path);
    }
    HttpResponse<String> ready = get("/v1/ready", b -> b);
    assertEquals(200, ready.statusCode(), ready.body());
    assertEquals("ready", json(ready).get("status").asText());

    gateway.ready(false);
    HttpResponse<String> notReady = get("/v1/ready", b -> b);
    assertEquals(503, notReady.statusCode(), notReady.body());
    assertEquals("not_ready", json(notReady).get("status").asText());
    assertEquals("daemon unavailable", json(notReady).get("reason").asText());
    assertEquals(200, get("/v1/health", b -> b).statusCode(), "the bot itself is healthy");
  }

  @Test
  void otherPathsAndMethodsGetErrorsInTheDaemonsEnvelope() throws Exception {
    HttpResponse<String> elsewhere = post("/elsewhere", "x", bearer(TOKEN));
    assertEquals(404, elsewhere.statusCode());
    assertEquals("not_found", json(elsewhere).at("/error/code").asText());
    assertTrue(json(elsewhere).get("ok") == null, elsewhere.body());
    HttpResponse<String> delete = http.send(HttpRequest.newBuilder(URI.create(
        "http://127.0.0.1:" + service.receiverPort() + "/notify/prod")).DELETE().build(),
        BodyHandlers.ofString());
    assertEquals(405, delete.statusCode());
    assertEquals("method_not_allowed", json(delete).at("/error/code").asText());
  }

  @Test
  void metricsNeedTheTokenAndCountAlertsBySourceAndOutcome() throws Exception {
    assertEquals(401, get("/metrics", b -> b).statusCode());
    PrometheusText before = PrometheusText.parse(get("/metrics", bearer(TOKEN)).body());
    assertTrue(before.samples("parley_notifier_alerts_total").isEmpty());
    for (String family : new String[] {"jvm_memory_used_bytes", "process_cpu_usage",
        "process_uptime_seconds", "jvm_threads_live_threads"}) {
      assertTrue(!before.samples(family).isEmpty(), family + " is missing");
    }

    assertEquals(200, post("/notify/prod",
        new String(Samples.bytes("alertmanager-firing.json"), UTF_8),
        b -> bearer(TOKEN).apply(b).header("Content-Type", "application/json")).statusCode());
    assertEquals(200, post("/notify/prod", "backup done", bearer(TOKEN)).statusCode());
    assertEquals(404, post("/notify/nobody", "backup done", bearer(TOKEN)).statusCode());
    assertEquals(400, post("/notify/prod", "{\"alerts\":", b -> bearer(TOKEN).apply(b)
        .header("Content-Type", "application/json")).statusCode());
    assertEquals(401, post("/notify/prod", "x", bearer("wrong-token-0123456789")).statusCode());

    HttpResponse<String> scrape = get("/metrics", bearer(TOKEN));
    assertEquals(200, scrape.statusCode());
    assertTrue(scrape.headers().firstValue("Content-Type").orElse("")
        .startsWith("text/plain; version=0.0.4"));
    PrometheusText t = PrometheusText.parse(scrape.body());
    assertEquals(1.0, t.value("parley_notifier_alerts_total",
        "source", "alertmanager", "outcome", "accepted"));
    assertEquals(1.0, t.value("parley_notifier_alerts_total",
        "source", "text", "outcome", "accepted"));
    assertEquals(1.0, t.value("parley_notifier_alerts_total",
        "source", "text", "outcome", "no_subscribers"));
    assertEquals(1.0, t.value("parley_notifier_alerts_total",
        "source", "unknown", "outcome", "bad_payload"));
    assertEquals(1.0, t.value("parley_notifier_alerts_total",
        "source", "unknown", "outcome", "unauthorized"));
    assertEquals(2.0, t.value("parley_notifier_deliveries_total", "result", "queued"));
    assertTrue(!scrape.body().contains(TOKEN));
  }
}

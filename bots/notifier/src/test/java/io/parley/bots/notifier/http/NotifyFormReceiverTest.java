package io.parley.bots.notifier.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.bots.notifier.service.NotifierService;
import io.parley.bots.notifier.config.NotifierConfig;
import io.parley.bots.notifier.delivery.DeliverySettings;
import io.parley.bots.notifier.testing.RecordingGateway;
import io.parley.bots.notifier.testing.Samples;
import io.parley.testkit.SettableClock;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Uptime Kuma's other webhook bodies (multipart form-data, URL-encoded, its GET variant) and the
 * query-parameter form scripts use, over real HTTP to a running receiver.
 */
class NotifyFormReceiverTest {
  private static final String TOKEN = "test-notify-token-0123456789";
  private static final String FORM = "application/x-www-form-urlencoded";
  /** What the npm form-data package (Uptime Kuma's) puts before 24 random digits. */
  private static final String BOUNDARY = "--------------------------" + "493020658761473521907719";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;
  private final RecordingGateway gateway = new RecordingGateway();
  private final HttpClient http = HttpClient.newHttpClient();
  private NotifierService service;

  @BeforeEach
  void start() throws Exception {
    NotifierConfig config = new NotifierConfig(URI.create("http://127.0.0.1:1"), "unused",
        "127.0.0.1", 0, dir, TOKEN, ReceiverSettings.defaults(), DeliverySettings.defaults());
    service = NotifierService.start(config, gateway,
        new SettableClock(Instant.parse("2025-04-20T06:15:43Z")));
    service.commands().subscribe("conn-a", List.of("web"));
  }

  @AfterEach
  void stop() {
    service.close();
  }

  private HttpResponse<String> post(String query, String contentType, String body)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(query))
        .header("Authorization", "Bearer " + TOKEN)
        .POST(BodyPublishers.ofString(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    return http.send(b.build(), BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String query) throws Exception {
    return http.send(HttpRequest.newBuilder(uri(query)).GET().build(), BodyHandlers.ofString());
  }

  private URI uri(String query) {
    return URI.create("http://127.0.0.1:" + service.receiverPort() + "/notify/web" + query);
  }

  /** A body as the npm form-data package writes it: one part per name/value pair. */
  private static String multipart(String... namesAndValues) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      b.append("--").append(BOUNDARY).append("\r\n")
          .append("Content-Disposition: form-data; name=\"").append(namesAndValues[i])
          .append("\"\r\n\r\n").append(namesAndValues[i + 1]).append("\r\n");
    }
    return b.append("--").append(BOUNDARY).append("--\r\n").toString();
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, UTF_8);
  }

  private static String sample(String name) {
    return new String(Samples.bytes(name), UTF_8);
  }

  private static JsonNode json(HttpResponse<String> r) throws Exception {
    return JSON.readTree(r.body());
  }

  private static void assertAccepted(HttpResponse<String> r, String status) throws Exception {
    assertEquals(200, r.statusCode(), r.body());
    assertEquals("uptime-kuma", json(r).at("/format").asText());
    assertEquals(status, json(r).at("/status").asText());
    assertEquals(1, json(r).at("/queued").asInt());
  }

  @Test
  void uptimeKumaFormDataBodyGivesTheSameMessagesAsItsJsonWebhook() throws Exception {
    assertAccepted(post("", "multipart/form-data; boundary=" + BOUNDARY,
        multipart("data", sample("uptime-kuma-down.json"))), "firing");
    assertAccepted(post("", "multipart/form-data; boundary=" + BOUNDARY,
        multipart("data", sample("uptime-kuma-up.json"))), "resolved");
    List<String> texts = gateway.textsTo("conn-a");
    assertEquals("🔥 [web] FIRING Shop front page\n\n"
        + "• Shop front page on https://shop.example.net/\n"
        + "  connect ECONNREFUSED 203.0.113.40:443\n"
        + "  monitor: https://shop.example.net/", texts.get(0));
    assertTrue(texts.get(1).startsWith("✅ [web] RESOLVED Shop front page\n"
        + "Resolves: FIRING Shop front page (since 2025-04-20 06:15 UTC)\n"), texts.get(1));
  }

  @Test
  void aFormDataMsgFieldFillsInATestNotificationWithoutOne() throws Exception {
    assertAccepted(post("", "multipart/form-data; boundary=\"" + BOUNDARY + "\"",
        multipart("data", "{\"heartbeat\":null,\"monitor\":null}", "msg", "Kuma says hi")),
        "notice");
    assertEquals(List.of("📣 [web] Uptime Kuma\nKuma says hi"), gateway.textsTo("conn-a"));
  }

  @Test
  void aUrlEncodedDataFieldAndAScriptsMsgAndStatusFormAreBothUnderstood() throws Exception {
    assertAccepted(post("", FORM, "data=" + enc(sample("uptime-kuma-down.json"))), "firing");
    assertAccepted(post("", FORM, "msg=" + enc("nightly backup failed: disk full")
        + "&status=down&monitor=backups"), "firing");
    assertAccepted(post("", FORM, "msg=backup+ok&status=UP&monitor=backups"), "resolved");
    List<String> texts = gateway.textsTo("conn-a");
    assertTrue(texts.get(0).startsWith("🔥 [web] FIRING Shop front page\n"), texts.get(0));
    assertEquals("🔥 [web] FIRING backups\n\n• backups\n  nightly backup failed: disk full",
        texts.get(1));
    assertTrue(texts.get(2).startsWith("✅ [web] RESOLVED backups\n"
        + "Resolves: FIRING backups"), texts.get(2));
  }

  @Test
  void uptimeKumasGetWebhookAndABodylessPostCarryTheAlertInTheQuery() throws Exception {
    String kumaGet = "?token=" + TOKEN + "&msg=" + enc("[Shop front page] [Down] refused")
        + "&heartbeat=" + enc("{\"monitorID\":12,\"status\":0,\"msg\":\"refused\"}")
        + "&monitor=" + enc("{\"id\":12,\"name\":\"Shop front page\"}");
    assertAccepted(get(kumaGet), "firing");
    HttpResponse<String> script = http.send(HttpRequest.newBuilder(
        uri("?msg=" + enc("cron job late") + "&title=cron"))
        .header("Authorization", "Bearer " + TOKEN)
        .POST(BodyPublishers.noBody()).build(), BodyHandlers.ofString());
    assertAccepted(script, "notice");
    assertEquals(List.of("🔥 [web] FIRING Shop front page\n\n• Shop front page\n  refused",
        "📣 [web] cron\ncron job late"), gateway.textsTo("conn-a"));
  }

  @Test
  void urlEncodedBodiesWithoutFormFieldsStayPlainTextOrJsonAsBefore() throws Exception {
    HttpResponse<String> curl = post("", FORM, "backup done: 100% of files, status=ok");
    assertEquals(200, curl.statusCode(), curl.body());
    assertEquals("text", json(curl).at("/format").asText());
    HttpResponse<String> kumaCustom = post("", FORM, "{\"title\":\"Kuma\",\"message\":\"up\"}");
    assertEquals(200, kumaCustom.statusCode(), kumaCustom.body());
    assertEquals("ntfy", json(kumaCustom).at("/format").asText());
    assertEquals(List.of("📣 [web]\nbackup done: 100% of files, status=ok",
        "📣 [web] Kuma\nup"), gateway.textsTo("conn-a"));
  }

  @Test
  void malformedFormsGet400WithAReasonAndSendNothing() throws Exception {
    String multipart = "multipart/form-data; boundary=" + BOUNDARY;
    String whole = multipart("data", sample("uptime-kuma-down.json"));
    List<String[]> cases = List.of(
        new String[] {"multipart/form-data", whole, "needs a boundary parameter"},
        new String[] {multipart, whole.substring(0, whole.length() / 2), "ends before"},
        new String[] {multipart, whole.replace("; name=\"data\"", ""), "has no name"},
        new String[] {multipart, multipart("data", "{\"heartbeat\": "),
            "multipart form field 'data': malformed JSON at line 1"},
        new String[] {multipart, multipart("note", "hi"), "has no data, msg or heartbeat"},
        new String[] {FORM, "msg=x&status=exploded", "'status' must be down, up"},
        new String[] {FORM, "msg=x&heartbeat=%5B%5D", "'heartbeat': must be a JSON object"},
        new String[] {FORM, "msg=+&monitor=db", "field 'msg' is empty"});
    for (String[] c : cases) {
      HttpResponse<String> r = post("", c[0], c[1]);
      assertEquals(400, r.statusCode(), c[2]);
      assertEquals("bad_payload", json(r).at("/error/code").asText());
      String reason = json(r).at("/error/message").asText();
      assertTrue(reason.contains(c[2]), reason);
    }
    HttpResponse<String> bareGet = get("?token=" + TOKEN + "&status=down");
    assertEquals(400, bareGet.statusCode());
    assertTrue(json(bareGet).at("/error/message").asText().startsWith("the body is empty"));
    assertEquals(0, gateway.attempts("conn-a"));
  }

  @Test
  void anUnreadableMediaTypeGets415UnlessTheFormatIsNamed() throws Exception {
    HttpResponse<String> xml = post("", "application/xml", "<alert>down</alert>");
    assertEquals(415, xml.statusCode());
    assertEquals("unsupported_media_type", json(xml).at("/error/code").asText());
    assertTrue(json(xml).at("/error/message").asText()
        .startsWith("cannot read a body of type 'application/xml'; send text/plain"));
    assertEquals(0, gateway.attempts("conn-a"));
    HttpResponse<String> named = post("?format=text", "application/xml", "<alert>down</alert>");
    assertEquals(200, named.statusCode(), named.body());
    assertEquals(List.of("📣 [web]\n<alert>down</alert>"), gateway.textsTo("conn-a"));
  }
}

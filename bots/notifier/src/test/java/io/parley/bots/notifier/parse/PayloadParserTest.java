package io.parley.bots.notifier.parse;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.bots.notifier.alert.Alert;
import io.parley.bots.notifier.alert.AlertGroup;
import io.parley.bots.notifier.alert.AlertStatus;
import io.parley.bots.notifier.alert.Link;
import io.parley.bots.notifier.alert.Source;
import io.parley.bots.notifier.testing.Samples;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PayloadParserTest {
  private final PayloadParser parser = new PayloadParser();

  private AlertGroup sample(String name) throws PayloadException {
    return parser.parse(new RawPayload(Samples.bytes(name), "application/json", null, null,
        null));
  }

  private String reason(String body, String contentType, String format) {
    return assertThrows(PayloadException.class, () -> parser.parse(
        new RawPayload(body.getBytes(UTF_8), contentType, format, null, null))).getMessage();
  }

  private static List<String> labels(Alert a) {
    return a.links().stream().map(Link::label).toList();
  }

  @Test
  void alertmanagerFiringSampleGivesTheGroupKeyAlertsSeveritiesSummariesAndLinks()
      throws Exception {
    AlertGroup g = sample("alertmanager-firing.json");
    assertEquals(Source.ALERTMANAGER, g.source());
    assertEquals(AlertStatus.FIRING, g.status());
    assertEquals("{}/{team=\"storage\"}:{alertname=\"DiskAlmostFull\"}", g.groupKey());
    assertEquals("http://alertmanager.example.net:9093", g.sourceUrl());
    assertEquals(2, g.alerts().size());
    Alert first = g.alerts().get(0);
    assertEquals("DiskAlmostFull", first.name());
    assertEquals(AlertStatus.FIRING, first.status());
    assertEquals("critical", first.severity());
    assertEquals("db-1.example.net:9100", first.target());
    assertEquals("Disk /var/lib/postgresql on db-1 is 97% full", first.summary());
    assertEquals("5e8b2c1f09a3d744", first.fingerprint());
    assertEquals(List.of("runbook", "source"), labels(first));
    assertEquals("warning", g.alerts().get(1).severity());
  }

  @Test
  void alertmanagerResolvedSampleIsResolvedWithTheSameGroupKey() throws Exception {
    AlertGroup firing = sample("alertmanager-firing.json");
    AlertGroup resolved = sample("alertmanager-resolved.json");
    assertEquals(AlertStatus.RESOLVED, resolved.status());
    assertEquals(firing.groupKey(), resolved.groupKey());
    assertTrue(resolved.alerts().stream().allMatch(a -> a.status() == AlertStatus.RESOLVED));
  }

  @Test
  void grafanaSamplesAreRecognisedByShapeWithTheirDashboardPanelAndSilenceLinks()
      throws Exception {
    AlertGroup firing = sample("grafana-firing.json");
    assertEquals(Source.GRAFANA, firing.source());
    assertEquals(AlertStatus.FIRING, firing.status());
    Alert a = firing.alerts().get(0);
    assertEquals("API latency p99 high", a.name());
    assertEquals("high", a.severity());
    assertEquals("checkout-api", a.target());
    assertEquals(List.of("runbook", "dashboard", "panel", "source", "silence"), labels(a));
    AlertGroup resolved = sample("grafana-resolved.json");
    assertEquals(Source.GRAFANA, resolved.source());
    assertEquals(AlertStatus.RESOLVED, resolved.status());
    assertEquals(firing.groupKey(), resolved.groupKey());
  }

  @Test
  void uptimeKumaDownFiresAndUpResolvesTheSameMonitor() throws Exception {
    AlertGroup down = sample("uptime-kuma-down.json");
    assertEquals(Source.UPTIME_KUMA, down.source());
    assertEquals(AlertStatus.FIRING, down.status());
    assertEquals("Shop front page", down.title());
    Alert a = down.alerts().get(0);
    assertEquals("https://shop.example.net/", a.target());
    assertEquals("connect ECONNREFUSED 203.0.113.40:443", a.summary());
    AlertGroup up = sample("uptime-kuma-up.json");
    assertEquals(AlertStatus.RESOLVED, up.status());
    assertEquals(down.groupKey(), up.groupKey());
    assertEquals("uptime-kuma/monitor/12", up.groupKey());
  }

  @Test
  void uptimeKumaTestNotificationWithoutHeartbeatFallsBackToItsMessage() throws Exception {
    AlertGroup g = sample("uptime-kuma-test.json");
    assertEquals(Source.UPTIME_KUMA, g.source());
    assertEquals(AlertStatus.NOTICE, g.status());
    assertEquals("Parley Notifier Testing", g.alerts().get(0).summary());
    assertNull(g.groupKey());
  }

  @Test
  void ntfyJsonGivesTitleMessagePriorityAndLinks() throws Exception {
    AlertGroup g = sample("ntfy.json");
    assertEquals(Source.NTFY, g.source());
    assertEquals(AlertStatus.NOTICE, g.status());
    assertEquals("Nightly backup finished with warnings", g.title());
    Alert a = g.alerts().get(0);
    assertEquals("high", a.severity());
    assertTrue(a.summary().startsWith("3 of 412 files"));
    assertEquals(List.of("open", "open log"), labels(a));
  }

  @Test
  void plainTextIsTakenAsItIsWithTitleAndPriorityFromTheRequest() throws Exception {
    AlertGroup g = parser.parse(new RawPayload(Samples.bytes("text.txt"),
        "application/x-www-form-urlencoded", null, "Deploys", "5"));
    assertEquals(Source.TEXT, g.source());
    assertEquals("Deploys", g.title());
    assertEquals("urgent", g.alerts().get(0).severity());
    assertEquals("Deploy of checkout-api 2025.05.11-3 finished on all 6 hosts.\n"
        + "Smoke tests passed.", g.alerts().get(0).summary());
  }

  @Test
  void aForcedFormatOverridesDetectionAndTextKeepsAJsonBodyVerbatim() throws Exception {
    AlertGroup asText = parser.parse(new RawPayload(Samples.bytes("ntfy.json"),
        "application/json", "text", null, null));
    assertEquals(Source.TEXT, asText.source());
    assertTrue(asText.alerts().get(0).summary().contains("\"topic\": \"backups\""));
    String r = reason("{\"message\":\"hi\"}", "application/json", "alertmanager");
    assertTrue(r.startsWith("Alertmanager payload: 'status'"), r);
    assertTrue(reason("x", null, "nagios").startsWith("unknown format 'nagios'"));
  }

  @Test
  void malformedJsonIsRefusedWithItsPosition() {
    assertEquals("malformed JSON at line 1, column 13",
        reason("{\"alerts\": [}", "application/json", null));
    assertTrue(reason("{\"a\":1} trailing", null, null).startsWith("malformed JSON"));
    assertTrue(reason("{\"title\":1,\"title\":2}", null, null).startsWith("malformed JSON"));
  }

  @Test
  void absurdlyDeepNestingIsRefusedAsMalformedRatherThanExhaustingTheStack() {
    String deep = "{\"message\":" + "[".repeat(50_000) + "]".repeat(50_000) + "}";
    assertTrue(reason(deep, "application/json", null).startsWith("malformed JSON"));
  }

  @Test
  void jsonThatIsNotAnObjectOrOfNoKnownShapeIsRefusedNamingTheShapesExpected() {
    assertTrue(reason("[1,2]", "application/json", null)
        .startsWith("a JSON body must be an object"));
    String r = reason("{\"foo\":\"bar\"}", "application/json", null);
    assertTrue(r.startsWith("unrecognised JSON object: expected an Alertmanager"), r);
  }

  @Test
  void alertmanagerPayloadsWithBadStructureAreRefusedNamingTheField() {
    assertEquals("Alertmanager payload: 'alerts' must be an array",
        reason("{\"version\":\"4\",\"status\":\"firing\",\"alerts\":{}}", null, null));
    assertEquals("Alertmanager payload: 'alerts' is empty",
        reason("{\"version\":\"4\",\"status\":\"firing\",\"alerts\":[]}", null, null));
    assertEquals("Alertmanager payload: 'status' must be \"firing\" or \"resolved\"",
        reason("{\"version\":\"4\",\"status\":\"burning\",\"alerts\":[]}", null, null));
    assertEquals("Alertmanager payload: alerts[1]: 'labels' must be an object",
        reason("{\"status\":\"firing\",\"alerts\":[{\"labels\":{}},{\"labels\":3}]}", null,
            null));
    assertEquals("Alertmanager payload: alerts[0] must be an object",
        reason("{\"status\":\"firing\",\"alerts\":[7]}", null, null));
    assertEquals("Alertmanager payload: 'truncatedAlerts' must be a whole number >= 0",
        reason("{\"status\":\"firing\",\"truncatedAlerts\":-1,\"alerts\":[{\"labels\":{}}]}",
            null, null));
    assertEquals("Alertmanager payload: version '5' is not supported (Alertmanager sends \"4\")",
        reason("{\"version\":\"5\",\"status\":\"firing\",\"alerts\":[{\"labels\":{}}]}", null,
            null));
  }

  @Test
  void uptimeKumaAndNtfyPayloadsWithBadFieldsAreRefusedWithAReason() {
    assertTrue(reason("{\"heartbeat\":{\"status\":9},\"msg\":\"x\"}", null, null)
        .startsWith("Uptime Kuma payload: 'heartbeat.status' must be 0 (down)"));
    assertEquals("Uptime Kuma payload: needs 'msg' or a 'heartbeat' object",
        reason("{\"monitor\":{\"name\":\"a\"}}", null, null));
    assertEquals("Uptime Kuma payload: 'heartbeat' must be an object",
        reason("{\"heartbeat\":[],\"msg\":\"x\"}", null, null));
    assertEquals("ntfy-style JSON: needs 'message' or 'title'",
        reason("{\"message\":\"  \"}", null, null));
    assertEquals("priority must be 1-5 or one of min, low, default, high, urgent; got '9'",
        reason("{\"message\":\"m\",\"priority\":9}", null, null));
  }

  @Test
  void emptyAndNonUtf8BodiesAreRefused() {
    assertEquals("the body is empty", reason("  \n", "text/plain", null));
    assertEquals("the body is empty and the query has no msg, data or heartbeat parameter",
        reason("", "application/json", null));
    PayloadException e = assertThrows(PayloadException.class, () -> parser.parse(
        RawPayload.of(new byte[] {'o', 'k', (byte) 0xC3, (byte) 0x28})));
    assertEquals("the body is not UTF-8 text", e.getMessage());
  }

  @Test
  void quotedValuesInReasonsAreShortAndFreeOfControlCharacters() {
    String r = reason("x", null, "a\u0007" + "b".repeat(500));
    assertTrue(r.length() < 150, r);
    assertTrue(r.chars().noneMatch(Character::isISOControl), r);
  }

  @Test
  void randomAndMutatedBodiesOnlyEverFailWithAPayloadException() {
    Random random = new Random(42);
    byte[] seed = Samples.bytes("alertmanager-firing.json");
    for (int i = 0; i < 2_000; i++) {
      byte[] body = seed.clone();
      int edits = 1 + random.nextInt(8);
      for (int e = 0; e < edits; e++) {
        body[random.nextInt(body.length)] = (byte) random.nextInt(256);
      }
      try {
        parser.parse(new RawPayload(body, "application/json", null, null, null));
      } catch (PayloadException expected) {
        assertTrue(!expected.getMessage().isBlank());
      }
    }
  }
}

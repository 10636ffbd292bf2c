package io.parley.bots.notifier.parse;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.bots.notifier.alert.AlertGroup;
import io.parley.bots.notifier.alert.AlertStatus;
import io.parley.bots.notifier.alert.Source;
import io.parley.bots.notifier.testing.Samples;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Form bodies and query parameters mapped to alert groups, without HTTP. */
class FormPayloadTest {
  private static final String BOUNDARY = "xYzZY";
  private static final String MULTIPART = "multipart/form-data; boundary=" + BOUNDARY;
  private static final String FORM = "application/x-www-form-urlencoded";
  private final PayloadParser parser = new PayloadParser();

  private AlertGroup parse(String contentType, String body, String format)
      throws PayloadException {
    return parser.parse(new RawPayload(body.getBytes(UTF_8), contentType, format, null, null));
  }

  private AlertGroup query(Map<String, List<String>> params, String title)
      throws PayloadException {
    return parser.parse(new RawPayload(new byte[0], null, null, title, null,
        FormFields.of(params)));
  }

  private static String part(String headers, String value) {
    return "--" + BOUNDARY + "\r\n" + headers + "\r\n\r\n" + value + "\r\n";
  }

  private static String end() {
    return "--" + BOUNDARY + "--\r\n";
  }

  @Test
  void aDataFieldHoldingAlertmanagerJsonIsReadAsAlertmanagerAndHonoursAForcedFormat()
      throws Exception {
    String json = new String(Samples.bytes("alertmanager-firing.json"), UTF_8);
    String body = part("Content-Disposition: form-data; name=\"data\"", json) + end();
    assertEquals(Source.ALERTMANAGER, parse(MULTIPART, body, null).source());
    assertEquals(Source.GRAFANA, parse(MULTIPART, body, "grafana").source());
    PayloadException e = assertThrows(PayloadException.class,
        () -> parse(FORM, "msg=hello", "alertmanager"));
    assertEquals("?format=alertmanager reads JSON: send it in a 'data' field", e.getMessage());
  }

  @Test
  void aPreambleABase64PartAndAnUnknownExtraFieldAreHandledLikeUndertowsFormParser()
      throws Exception {
    String encoded = Base64.getMimeEncoder().encodeToString(
        "{\"heartbeat\":{\"status\":0,\"monitorID\":4},\"msg\":\"down \u26a0\"}".getBytes(UTF_8));
    String body = "this preamble is ignored\r\n"
        + part("Content-Disposition: form-data; name=\"note\"", "ignored")
        + part("Content-Disposition: form-data; name=\"data\"\r\n"
            + "Content-Transfer-Encoding: base64", encoded)
        + end();
    AlertGroup g = parse(MULTIPART, body, null);
    assertEquals(AlertStatus.FIRING, g.status());
    assertEquals("uptime-kuma/monitor/4", g.groupKey());
    assertEquals("down \u26a0", g.alerts().get(0).summary());
  }

  @Test
  void aScriptsMonitorNameTiesItsDownAndUpTogetherAndATitleStandsInForIt() throws Exception {
    Map<String, List<String>> down = new LinkedHashMap<>();
    down.put("msg", List.of("db-1 unreachable"));
    down.put("status", List.of("0"));
    down.put("monitor", List.of("db-1"));
    AlertGroup d = query(down, null);
    AlertGroup u = parse(FORM, "msg=back&status=up&monitor=db-1", null);
    assertEquals(AlertStatus.FIRING, d.status());
    assertEquals(AlertStatus.RESOLVED, u.status());
    assertEquals(d.groupKey(), u.groupKey());
    AlertGroup titled = query(Map.of("msg", List.of("late"), "status", List.of("pending")),
        "cron");
    assertEquals("cron", titled.title());
    assertEquals("pending", titled.alerts().get(0).severity());
    assertEquals(AlertStatus.NOTICE, titled.status());
    AlertGroup bare = query(Map.of("msg", List.of("hello")), null);
    assertEquals(AlertStatus.NOTICE, bare.status());
    assertNull(bare.groupKey());
  }

  @Test
  void aUrlEncodedBodyThatIsNotAFormIsKeptAsTextRatherThanRefused() throws Exception {
    AlertGroup percent = parse(FORM, "msg=disk at 100%", null);
    assertEquals(Source.TEXT, percent.source());
    assertEquals("msg=disk at 100%", percent.alerts().get(0).summary());
    PayloadException forced = assertThrows(PayloadException.class,
        () -> parse(FORM, "all good", "uptime-kuma"));
    assertEquals("an Uptime Kuma form needs a data, msg or heartbeat field",
        forced.getMessage());
  }

  @Test
  void moreFieldsThanTheLimitAreRefused() {
    String many = "msg=x" + "&a=1".repeat(FormFields.MAX_FIELDS);
    PayloadException e = assertThrows(PayloadException.class, () -> parse(FORM, many, null));
    assertEquals("the form has more than " + FormFields.MAX_FIELDS + " fields", e.getMessage());
    StringBuilder parts = new StringBuilder();
    for (int i = 0; i <= FormFields.MAX_FIELDS; i++) {
      parts.append(part("Content-Disposition: form-data; name=\"f" + i + "\"", "v"));
    }
    String body = parts + end();
    e = assertThrows(PayloadException.class, () -> parse(MULTIPART, body, null));
    assertTrue(e.getMessage().startsWith("the multipart form has more than"), e.getMessage());
  }

  @Test
  void aPartThatIsNotUtf8IsRefusedNamingIt() {
    byte[] head = (part("Content-Disposition: form-data; name=\"msg\"", "")).getBytes(UTF_8);
    byte[] tail = end().getBytes(UTF_8);
    byte[] body = new byte[head.length + 2 + tail.length];
    System.arraycopy(head, 0, body, 0, head.length - 2);
    body[head.length - 2] = (byte) 0xC3;
    body[head.length - 1] = (byte) 0x28;
    System.arraycopy("\r\n".getBytes(UTF_8), 0, body, head.length, 2);
    System.arraycopy(tail, 0, body, head.length + 2, tail.length);
    PayloadException e = assertThrows(PayloadException.class,
        () -> parser.parse(new RawPayload(body, MULTIPART, null, null, null)));
    assertEquals("multipart field 'msg' is not UTF-8 text", e.getMessage());
  }

  @Test
  void randomAndMutatedMultipartBodiesOnlyEverFailWithAPayloadException() {
    Random random = new Random(7);
    byte[] seed = (part("Content-Disposition: form-data; name=\"data\"\r\n"
        + "Content-Transfer-Encoding: base64", Base64.getEncoder().encodeToString(
            Samples.bytes("uptime-kuma-down.json")))
        + part("Content-Disposition: form-data; name=\"msg\"", "hi") + end()).getBytes(UTF_8);
    int accepted = 0;
    for (int i = 0; i < 2_000; i++) {
      byte[] body = seed.clone();
      int edits = 1 + random.nextInt(6);
      for (int e = 0; e < edits; e++) {
        body[random.nextInt(body.length)] = (byte) random.nextInt(256);
      }
      try {
        parser.parse(new RawPayload(body, MULTIPART, null, null, null));
        accepted++;
      } catch (PayloadException expected) {
        assertTrue(!expected.getMessage().isBlank());
      }
    }
    assertTrue(accepted < 2_000, "mutations were noticed");
  }
}

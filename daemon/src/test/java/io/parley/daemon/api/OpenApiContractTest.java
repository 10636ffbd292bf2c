package io.parley.daemon.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import io.parley.daemon.api.ApiClient.Resp;
import io.parley.daemon.api.ApiFixture.Daemon;
import io.parley.daemon.api.http.Json;
import io.parley.testkit.Await;
import io.parley.testkit.LeakCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives every REST operation of two real daemons (successes and typical errors) and checks
 * each request and response against the repository's openapi.yaml with a maintained OpenAPI
 * validator; also checks that the daemon serves that same document.
 */
@ExtendWith(LeakCheck.class)
class OpenApiContractTest {
  private static final Pattern OPERATION = Pattern.compile(
      "^  (/[^:]*):\\n((?:    .*\\n|\\n)*)", Pattern.MULTILINE);
  private static final Pattern METHOD = Pattern.compile("^    (get|post|put|patch|delete):",
      Pattern.MULTILINE);
  /** Streams: their 101 and 200 are long-lived and checked by EventApiTest instead. */
  private static final Set<String> STREAMS = Set.of("GET /v1/events/ws", "GET /v1/events/sse");

  @Test
  void everyOperationOfARunningDaemonMatchesOpenApiYaml(@TempDir Path dir) throws Exception {
    String spec = Files.readString(Path.of(System.getProperty("basedir", "."))
        .resolve("../openapi.yaml"));
    OpenApiInteractionValidator validator = OpenApiInteractionValidator
        .createForInlineApiSpecification(spec)
        .withLevelResolver(LevelResolver.create()
            // The 401 cases send no token on purpose.
            .withLevel("validation.request.security.missing", ValidationReport.Level.IGNORE)
            .build())
        .build();
    ContractClient v = new ContractClient(validator);
    try (ApiFixture fx = new ApiFixture(dir)) {
      Daemon alice = fx.daemon("alice");
      Daemon bob = fx.daemon("bob");
      Daemon carol = fx.daemon("carol");
      ApiClient a = alice.client();
      ApiClient b = bob.client();

      assertEquals(spec, v.get(a.withToken(null), "/v1/openapi.yaml").body());
      v.get(a.withToken(null), "/v1/health");
      v.get(a.withToken(null), "/v1/ready");
      v.get(a.withToken(null), "/v1/info");
      v.get(a, "/v1/info");
      v.get(a, "/metrics");

      Resp inv = v.json(a, "POST", "/v1/invitations", "{\"alias\":\"bob\"}");
      String aliceConn = inv.json().get("connectionId").asText();
      v.get(a, "/v1/connections/" + aliceConn + "/invitation.png?size=200");
      v.get(a, "/v1/connections/" + aliceConn + "/invitation.svg");
      v.get(a, "/v1/connections/" + aliceConn + "/invitation.png?size=5");
      Resp joined = v.json(b, "POST", "/v1/connections",
          linkBody(inv.json().get("link").asText()));
      String bobConn = joined.json().get("connectionId").asText();
      v.text(b, "/v1/connections", "parley:/garbage");
      Await.value("established", () -> a.get("/v1/connections/" + aliceConn).json(),
          c -> c.path("status").asText().equals("established"));
      Await.value("established", () -> b.get("/v1/connections/" + bobConn).json(),
          c -> c.path("status").asText().equals("established"));
      v.get(a, "/v1/connections");
      v.get(a, "/v1/connections/" + aliceConn);
      v.get(a, "/v1/connections/nope");
      v.json(a, "PATCH", "/v1/connections/" + aliceConn, "{\"alias\":\"robert\"}");
      v.invalid(a, "PATCH", "/v1/connections/" + aliceConn, "application/json", "{}");

      Resp sent = v.text(a, "/v1/connections/" + aliceConn + "/messages", "hello");
      v.call(a, "POST", "/v1/connections/" + aliceConn + "/messages", "application/json",
          "{\"text\":\"again\"}", Map.of("Idempotency-Key", "k-1"));
      v.call(a, "POST", "/v1/connections/" + aliceConn + "/messages", "application/json",
          "{\"text\":\"not again\"}", Map.of("Idempotency-Key", "k-1"));
      v.invalid(a, "POST", "/v1/connections/" + aliceConn + "/messages",
          "application/x-www-form-urlencoded", "text=x");
      v.text(a.withToken(null), "/v1/connections/" + aliceConn + "/messages", "forged");
      v.text(a, "/v1/connections/nope/messages", "lost");
      String msgId = sent.json().get("messageId").asText();
      Await.value("delivered", () -> a.get("/v1/messages/" + msgId).json(),
          m -> m.path("status").asText().equals("delivered"));
      v.get(a, "/v1/messages/" + msgId);
      v.get(a, "/v1/messages/nope");
      v.json(a, "POST", "/v1/connections/" + aliceConn + "/read", "{\"upTo\":\"" + msgId + "\"}");
      v.json(a, "POST", "/v1/connections/" + aliceConn + "/read", "{\"upTo\":\"nope\"}");
      v.json(a, "PUT", "/v1/connections/" + aliceConn + "/verified", "{\"verified\":true}");
      v.get(a, "/v1/connections/" + aliceConn + "/security-code.svg");
      ApiClient browser = a.withToken(null);
      Resp signIn = v.json(browser, "POST", "/v1/console/sessions",
          "{\"token\":\"" + a.token() + "\"}");
      String cookie = signIn.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
      String csrf = signIn.json().get("csrfToken").asText();
      v.json(browser, "POST", "/v1/console/sessions", "{\"token\":\"wrong\"}");
      v.call(browser, "GET", "/v1/console/session", null, null, Map.of("Cookie", cookie));
      v.call(browser, "PUT", "/v1/console/session/profile", "application/json",
          "{\"profile\":\"default\"}", Map.of("Cookie", cookie, "X-CSRF-Token", csrf));
      assertEquals(403, v.call(browser, "POST", "/v1/invitations", "application/json", "{}",
          Map.of("Cookie", cookie)).status(), "no CSRF token");
      v.call(a, "POST", "/v1/console/sign-in-links", null, null, Map.of());
      v.call(browser, "DELETE", "/v1/console/session", null, null,
          Map.of("Cookie", cookie, "X-CSRF-Token", csrf));
      JsonNode history = Await.value("bob's history", () -> b.get("/v1/connections/" + bobConn
          + "/messages").json().get("messages"), h -> h.size() == 2);
      v.get(b, "/v1/connections/" + bobConn + "/messages?limit=1");
      v.get(b, "/v1/connections/" + bobConn + "/messages?before="
          + history.get(1).get("id").asText());
      v.get(b, "/v1/messages/" + history.get(0).get("id").asText());
      v.get(a, "/v1/connections/" + aliceConn + "/messages?after=x&before=y");

      v.get(a, "/v1/events?limit=5");
      Resp page = v.get(a, "/v1/events?after=0&limit=1000");
      long head = page.json().get("next").asLong();
      v.get(a, "/v1/events?after=latest&wait=1&types=message.received");
      v.get(a, "/v1/events?after=" + (head + 100));
      v.get(a, "/v1/events/sse?after=" + (head + 100));
      v.get(a, "/v1/events/ws?after=0");
      v.json(a, "POST", "/v1/consumers/bot/ack", "{\"seq\":" + head + "}");
      v.get(a, "/v1/events?consumer=bot");
      v.get(a, "/v1/consumers");
      v.get(a, "/v1/consumers/bot");
      v.invalid(a, "POST", "/v1/consumers/bot/ack", "application/json", "{\"seq\":-1}");
      v.delete(a, "/v1/consumers/bot");
      v.get(a, "/v1/consumers/bot");

      Resp hook = v.json(a, "POST", "/v1/webhooks",
          "{\"url\":\"http://127.0.0.1:9/hook\",\"types\":[\"message.received\"],\"after\":0}");
      String hookId = hook.json().get("id").asText();
      v.get(a, "/v1/webhooks");
      v.get(a, "/v1/webhooks/" + hookId);
      v.json(a, "POST", "/v1/webhooks", "{\"url\":\"gopher://x\"}");
      v.delete(a, "/v1/webhooks/" + hookId);
      v.delete(a, "/v1/webhooks/" + hookId);

      Resp token = v.json(a, "POST", "/v1/tokens", "{\"scope\":\"send\",\"name\":\"alerts\"}");
      ApiClient send = a.withToken(token.json().get("token").asText());
      v.get(send, "/v1/connections");
      v.get(send, "/v1/info");
      v.get(a, "/v1/tokens");
      v.invalid(a, "POST", "/v1/tokens", "application/json", "{\"scope\":\"root\"}");
      v.delete(a, "/v1/tokens/" + token.json().get("id").asText());
      v.delete(a, "/v1/tokens/nope");

      v.get(a, "/v1/address");
      v.json(a, "PUT", "/v1/address", "{\"autoAccept\":false,\"welcome\":\"hi\"}");
      Resp address = v.json(a, "PUT", "/v1/address", "{\"autoAccept\":false,\"welcome\":\"hi\"}");
      v.json(a, "PUT", "/v1/address", "{\"autoAccept\":false,\"welcome\":\"hello\"}");
      v.get(a, "/v1/address");
      v.get(a, "/v1/address.png");
      v.get(a, "/v1/address.svg");
      String link = address.json().get("link").asText();
      v.json(carol.client(), "POST", "/v1/connections", linkBody(link));
      v.text(b, "/v1/connections", link);
      JsonNode requests = Await.value("two requests",
          () -> a.get("/v1/requests").json().get("requests"), r -> r.size() == 2);
      v.get(a, "/v1/requests");
      v.call(a, "POST", "/v1/requests/" + requests.get(0).get("id").asText() + "/accept",
          null, null, Map.of());
      v.call(a, "POST", "/v1/requests/" + requests.get(1).get("id").asText() + "/reject",
          null, null, Map.of());
      v.call(a, "POST", "/v1/requests/nope/accept", null, null, Map.of());
      v.delete(a, "/v1/address");
      v.delete(a, "/v1/address");

      v.get(a, "/v1/relays");
      String extra = fx.network().relay("extra").address().toString();
      Resp relay = v.json(a, "POST", "/v1/relays", "{\"address\":\"" + extra + "\"}");
      v.json(a, "POST", "/v1/relays", "{\"address\":\"nonsense\"}");
      v.get(a, "/v1/relays");
      v.delete(a, "/v1/relays/" + relay.json().get("id").asText());
      v.delete(a, "/v1/relays/" + relay.json().get("id").asText());
      v.get(a, "/v1/connections/" + aliceConn);
      v.json(a, "POST", "/v1/connections/nope/rotate", "{}");
      v.json(a, "POST", "/v1/connections/" + aliceConn + "/rotate", "{\"relay\":\"127.0.0.1:1\"}");
      v.json(a, "POST", "/v1/connections/" + aliceConn + "/rotate", "{}");
      v.json(a, "POST", "/v1/connections/" + aliceConn + "/rotate", "{}");

      Resp rekey = v.call(a, "POST", "/v1/connections/" + aliceConn + "/rekey", null, null,
          Map.of());
      v.get(a, "/v1/connections/" + aliceConn + "/rekey.png?size=200");
      v.get(a, "/v1/connections/" + aliceConn + "/rekey.svg");
      v.call(a, "POST", "/v1/connections/nope/rekey", null, null, Map.of());
      String rekeyBody = linkBody(rekey.json().get("link").asText());
      v.json(b, "POST", "/v1/rekey", rekeyBody);
      v.json(b, "POST", "/v1/rekey", rekeyBody);
      v.text(b, "/v1/rekey", "parley:/rekey#/?v=1");
      v.call(b, "POST", "/v1/connections/" + bobConn + "/resync", null, null, Map.of());
      v.call(b, "POST", "/v1/connections/nope/resync", null, null, Map.of());

      v.delete(a, "/v1/connections/" + aliceConn);
      v.get(a, "/v1/connections/" + aliceConn);
      v.delete(a, "/v1/connections/" + aliceConn);
      Resp made = v.json(a, "POST", "/v1/profiles", "{\"name\":\"Echo\",\"description\":\"a bot\"}");
      String profile = made.json().get("id").asText();
      ApiClient echo = a.withToken(made.json().get("token").get("token").asText());
      v.invalid(a, "POST", "/v1/profiles", "application/json", "{\"name\":\"\"}");
      v.json(echo, "POST", "/v1/profiles", "{\"name\":\"Other\"}");
      v.get(echo, "/v1/relays");
      assertEquals(403, v.json(echo, "POST", "/v1/relays", "{\"address\":\"" + extra + "\"}")
          .status());
      v.get(a, "/v1/profiles");
      v.get(echo, "/v1/profiles/" + profile);
      v.get(echo, "/v1/profiles/default");
      v.json(echo, "PATCH", "/v1/profiles/" + profile, "{\"name\":\"Echo bot\"}");
      v.json(a, "POST", "/v1/profiles/" + profile + "/tokens", "{\"scope\":\"send\"}");
      v.json(a, "POST", "/v1/profiles/nope/tokens", "{\"scope\":\"send\"}");
      v.delete(a, "/v1/profiles/default");
      v.delete(echo, "/v1/profiles/" + profile);
      v.delete(a, "/v1/profiles/" + profile);
      v.delete(a, "/v1/profiles/" + profile);
    }

    assertTrue(v.failures().isEmpty(), String.join("\n", v.failures()));
    Set<String> covered = new TreeSet<>();
    for (String c : v.checked()) {
      String[] parts = c.split(" ");
      covered.add(parts[0] + " " + template(parts[2], spec));
    }
    Set<String> missing = new TreeSet<>(operations(spec));
    missing.removeAll(covered);
    missing.removeAll(STREAMS);
    assertTrue(missing.isEmpty(), "operations never exercised: " + missing);
  }

  private static String linkBody(String link) {
    return Json.string(Map.of("link", link));
  }

  /** Every "METHOD /path" of the document. */
  private static Set<String> operations(String spec) {
    Set<String> out = new TreeSet<>();
    Matcher m = OPERATION.matcher(spec);
    while (m.find()) {
      Matcher op = METHOD.matcher(m.group(2));
      while (op.find()) {
        out.add(op.group(1).toUpperCase() + " " + m.group(1));
      }
    }
    return out;
  }

  /** The document's path template matching a concrete path. */
  private static String template(String path, String spec) {
    for (String op : operations(spec)) {
      String t = op.substring(op.indexOf(' ') + 1);
      String regex = "\\Q" + t.replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q") + "\\E";
      if (path.matches(regex)) {
        return t;
      }
    }
    return path;
  }
}

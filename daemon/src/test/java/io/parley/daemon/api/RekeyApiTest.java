package io.parley.daemon.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.daemon.api.ApiClient.Resp;
import io.parley.daemon.api.ApiFixture.Daemon;
import io.parley.testkit.Await;
import io.parley.testkit.LeakCheck;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Re-key and resync through the API of two real daemons. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(LeakCheck.class)
class RekeyApiTest {
  ApiFixture fx;
  Daemon alice;
  Daemon bob;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    fx = new ApiFixture(dir);
    alice = fx.daemon("alice");
    bob = fx.daemon("bob");
  }

  @AfterAll
  void stop() {
    fx.close();
  }

  private String[] connect() throws Exception {
    Resp inv = alice.client().post("/v1/invitations", Map.of());
    String aliceConn = inv.json().get("connectionId").asText();
    Resp join = bob.client().post("/v1/connections",
        Map.of("link", inv.json().get("link").asText()));
    String bobConn = join.json().get("connectionId").asText();
    Await.value("alice established", () -> alice.client().get("/v1/connections/" + aliceConn),
        r -> r.json().path("status").asText().equals("established"));
    Await.value("bob established", () -> bob.client().get("/v1/connections/" + bobConn),
        r -> r.json().path("status").asText().equals("established"));
    return new String[] {aliceConn, bobConn};
  }

  private static String code(Daemon d, String conn) throws Exception {
    return d.client().get("/v1/connections/" + conn).json().get("securityCode").asText();
  }

  @Test
  void aRekeyLinkMadeAndOpenedThroughTheApiGivesBothSidesTheSameNewCodeAndMessagesStillFlow()
      throws Exception {
    String[] c = connect();
    String before = code(alice, c[0]);
    Resp made = alice.client().post("/v1/connections/" + c[0] + "/rekey", null);
    assertEquals(201, made.status(), made.body());
    String link = made.json().get("link").asText();
    assertTrue(link.startsWith("parley:/rekey#/?v=1&c="), "a re-key link");
    assertEquals(200, alice.client().get(made.json().get("qrSvg").asText()).status());

    Resp opened = bob.client().postText("/v1/rekey", link);
    assertEquals(200, opened.status(), opened.body());
    assertEquals(c[1], opened.json().get("connectionId").asText());
    String fresh = opened.json().get("securityCode").asText();
    assertNotEquals(before, fresh);
    Await.value("alice's new code", () -> code(alice, c[0]), fresh::equals);
    assertEquals(404, alice.client().get(made.json().get("qrSvg").asText()).status(),
        "an answered link is gone");

    Resp again = bob.client().post("/v1/rekey", Map.of("link", link));
    assertEquals(409, again.status(), again.body());
    assertEquals("link_already_used", again.json().get("error").get("code").asText());
    assertEquals(400, bob.client().postText("/v1/rekey", "parley:/rekey#/?v=1").status());

    Resp sent = alice.client().postText("/v1/connections/" + c[0] + "/messages", "after");
    assertEquals(202, sent.status(), sent.body());
    String id = sent.json().get("messageId").asText();
    Await.value("delivered", () -> alice.client().get("/v1/messages/" + id).json(),
        m -> m.path("status").asText().equals("delivered"));
  }

  @Test
  void rekeyAndResyncAnswer404ForAnUnknownConnectionAnd409ForAPendingOne() throws Exception {
    assertEquals(404, alice.client().post("/v1/connections/nope/rekey", null).status());
    assertEquals(404, alice.client().post("/v1/connections/nope/resync", null).status());
    String pending = alice.client().post("/v1/invitations", Map.of()).json()
        .get("connectionId").asText();
    Resp r = alice.client().post("/v1/connections/" + pending + "/rekey", null);
    assertEquals(409, r.status(), r.body());
    assertEquals("not_established", r.json().get("error").get("code").asText());
    assertEquals(409, alice.client().post("/v1/connections/" + pending + "/resync", null)
        .status());
  }

  @Test
  void aResyncAskedThroughTheApiIsAcceptedAndEndsWithEqualNewCodes() throws Exception {
    String[] c = connect();
    String before = code(alice, c[0]);
    Resp r = bob.client().post("/v1/connections/" + c[1] + "/resync", null);
    assertEquals(202, r.status(), r.body());
    String aliceCode = Await.value("alice resynced", () -> code(alice, c[0]),
        v -> !v.equals(before));
    Await.value("bob resynced", () -> code(bob, c[1]), aliceCode::equals);
    JsonNode events = Await.value("bob's event", () -> bob.client()
        .get("/v1/events?after=0&limit=1000&types=connection.ratchet_resynced").json()
        .get("events"), e -> e.size() >= 1);
    assertEquals(aliceCode, events.get(events.size() - 1).get("data").get("securityCode")
        .asText());
    Resp sent = bob.client().postText("/v1/connections/" + c[1] + "/messages", "back");
    assertEquals(202, sent.status(), sent.body());
    String id = sent.json().get("messageId").asText();
    Await.value("delivered", () -> bob.client().get("/v1/messages/" + id).json(),
        m -> m.path("status").asText().equals("delivered"));
  }
}

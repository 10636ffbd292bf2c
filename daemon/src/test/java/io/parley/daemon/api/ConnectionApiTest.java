package io.parley.daemon.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.daemon.api.ApiClient.Resp;
import io.parley.daemon.api.ApiFixture.Daemon;
import io.parley.testkit.Await;
import io.parley.testkit.LeakCheck;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Connections, invitations and messages through the API of two real daemons. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(LeakCheck.class)
class ConnectionApiTest {
  private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G'};

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

  /** Alice invites, Bob joins by link; returns {aliceConnection, bobConnection}. */
  private String[] connect() throws Exception {
    Resp inv = alice.client().post("/v1/invitations", Map.of("alias", "bob"));
    assertEquals(201, inv.status(), inv.body());
    String aliceConn = inv.json().get("connectionId").asText();
    Resp join = bob.client().post("/v1/connections",
        Map.of("link", inv.json().get("link").asText(), "alias", "alice"));
    assertEquals(201, join.status(), join.body());
    String bobConn = join.json().get("connectionId").asText();
    Await.value("alice established", () -> alice.client().get("/v1/connections/" + aliceConn),
        r -> r.json().path("status").asText().equals("established"));
    Await.value("bob established", () -> bob.client().get("/v1/connections/" + bobConn),
        r -> r.json().path("status").asText().equals("established"));
    return new String[] {aliceConn, bobConn};
  }

  @Test
  void anInvitationCreatedAndJoinedThroughTheApiEstablishesWithEqualSecurityCodes()
      throws Exception {
    String[] c = connect();
    JsonNode a = alice.client().get("/v1/connections/" + c[0]).json();
    JsonNode b = bob.client().get("/v1/connections/" + c[1]).json();
    assertEquals("bob", a.get("alias").asText());
    assertEquals("inviter", a.get("role").asText());
    assertEquals("joiner", b.get("role").asText());
    assertFalse(a.get("securityCode").asText().isEmpty());
    assertEquals(a.get("securityCode").asText(), b.get("securityCode").asText());
    JsonNode list = alice.client().get("/v1/connections").json().get("connections");
    assertTrue(list.findValuesAsText("id").contains(c[0]));
  }

  @Test
  void aPendingInvitationIsServedAsPngAndSvgQrCodesUntilItIsUsed() throws Exception {
    Resp inv = alice.client().post("/v1/invitations", null);
    String id = inv.json().get("connectionId").asText();
    HttpResponse<byte[]> png = alice.client().http().send(
        alice.client().request(inv.json().get("qrPng").asText() + "?size=300").GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, png.statusCode());
    assertEquals("image/png", png.headers().firstValue("Content-Type").orElse(""));
    byte[] head = Arrays.copyOf(png.body(), 4);
    assertArrayEquals(PNG_MAGIC, head);
    Resp svg = alice.client().get("/v1/connections/" + id + "/invitation.svg");
    assertEquals(200, svg.status());
    assertTrue(svg.body().contains("<svg"), svg.body());
    assertEquals("pending", alice.client().get("/v1/connections/" + id).json()
        .get("status").asText());

    String[] c = connect();
    assertEquals(404, alice.client().get("/v1/connections/" + c[0] + "/invitation.png")
        .status());
  }

  @Test
  void aTextPlainBodyIsSentAsIsAndTheMessageTimelineReachesDelivered() throws Exception {
    String[] c = connect();
    Resp sent = alice.client().postText("/v1/connections/" + c[0] + "/messages", "disk full");
    assertEquals(202, sent.status(), sent.body());
    String id = sent.json().get("messageId").asText();
    assertEquals("/v1/messages/" + id, sent.headers().firstValue("Location").orElse(""));
    JsonNode msg = Await.value("delivered", () -> alice.client().get("/v1/messages/" + id).json(),
        m -> m.path("status").asText().equals("delivered"));
    assertEquals("disk full", msg.get("text").asText());
    assertEquals("out", msg.get("direction").asText());
    assertTrue(msg.get("timeline").size() >= 3, msg.toString());
    assertEquals("queued", msg.get("timeline").get(0).get("status").asText());

    JsonNode history = Await.value("bob's history",
        () -> bob.client().get("/v1/connections/" + c[1] + "/messages").json(),
        h -> h.get("messages").size() == 1);
    JsonNode in = history.get("messages").get(0);
    assertEquals("disk full", in.get("text").asText());
    assertEquals("in", in.get("direction").asText());
    assertEquals("ok", in.get("integrity").get("kind").asText());
    assertEquals("disk full", bob.client().get("/v1/messages/" + in.get("id").asText())
        .json().get("text").asText());
  }

  @Test
  void aJsonBodyAndARepeatedIdempotencyKeyGiveTheSameMessage() throws Exception {
    String[] c = connect();
    String path = "/v1/connections/" + c[0] + "/messages";
    HttpRequest req = alice.client().request(path)
        .header("Content-Type", "application/json")
        .header("Idempotency-Key", "alert-42")
        .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"once\"}")).build();
    Resp first = alice.client().send(req);
    Resp second = alice.client().send(req);
    assertEquals(202, first.status(), first.body());
    assertEquals(202, second.status(), second.body());
    assertEquals(first.json().get("messageId"), second.json().get("messageId"));
    JsonNode history = Await.value("bob's history",
        () -> bob.client().get("/v1/connections/" + c[1] + "/messages").json(),
        h -> h.get("messages").size() >= 1);
    assertEquals(1, history.get("messages").size());
  }

  @Test
  void anIdempotencyKeyReusedWithAnotherBodyIs422IdempotencyKeyReusedAndQueuesNothing()
      throws Exception {
    String[] c = connect();
    String path = "/v1/connections/" + c[0] + "/messages";
    Resp first = alice.client().send(alice.client().request(path)
        .header("Content-Type", "text/plain").header("Idempotency-Key", "alert-7")
        .POST(HttpRequest.BodyPublishers.ofString("disk full")).build());
    assertEquals(202, first.status(), first.body());
    Resp other = alice.client().send(alice.client().request(path)
        .header("Content-Type", "text/plain").header("Idempotency-Key", "alert-7")
        .POST(HttpRequest.BodyPublishers.ofString("disk fine")).build());
    assertEquals(422, other.status(), other.body());
    assertEquals("idempotency_key_reused", other.json().get("error").get("code").asText());
    assertFalse(other.body().contains("disk"), "the error repeats no text");
    // The same text in the JSON form is the same message.
    Resp same = alice.client().send(alice.client().request(path)
        .header("Content-Type", "application/json").header("Idempotency-Key", "alert-7")
        .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"disk full\"}")).build());
    assertEquals(202, same.status(), same.body());
    assertEquals(first.json().get("messageId"), same.json().get("messageId"));
    JsonNode history = alice.client().get(path).json().get("messages");
    assertEquals(1, history.size(), history.toString());
  }

  @Test
  void historyPagesBackwardsAndForwardsByMessageId() throws Exception {
    String[] c = connect();
    for (int i = 0; i < 5; i++) {
      assertEquals(202, alice.client().postText("/v1/connections/" + c[0] + "/messages",
          "m" + i).status());
    }
    String base = "/v1/connections/" + c[0] + "/messages";
    JsonNode last2 = alice.client().get(base + "?limit=2").json().get("messages");
    assertEquals("m3", last2.get(0).get("text").asText());
    assertEquals("m4", last2.get(1).get("text").asText());
    JsonNode before = alice.client().get(base + "?limit=2&before="
        + last2.get(0).get("id").asText()).json().get("messages");
    assertEquals("m1", before.get(0).get("text").asText());
    assertEquals("m2", before.get(1).get("text").asText());
    JsonNode after = alice.client().get(base + "?after=" + before.get(0).get("id").asText())
        .json().get("messages");
    assertEquals(3, after.size());
    assertEquals("m2", after.get(0).get("text").asText());
    assertEquals(404, alice.client().get(base + "?before=nope").status());
  }

  @Test
  void renamingAndDeletingAConnectionShowInItsResourceAndTheLog() throws Exception {
    String[] c = connect();
    Resp renamed = alice.client().patch("/v1/connections/" + c[0], Map.of("alias", "robert"));
    assertEquals(200, renamed.status(), renamed.body());
    assertEquals("robert", renamed.json().get("alias").asText());
    assertEquals(204, alice.client().delete("/v1/connections/" + c[0]).status());
    // While its relay queue is being deleted it shows as deleted; then it is gone entirely.
    Resp gone = alice.client().get("/v1/connections/" + c[0]);
    assertTrue(gone.status() == 404 || gone.json().get("status").asText().equals("deleted"),
        gone.body());
    Await.value("the row purged once the relay queue is deleted",
        () -> alice.client().get("/v1/connections/" + c[0]).status(), s -> s == 404);
    assertFalse(alice.client().get("/v1/connections").json().get("connections")
        .findValuesAsText("id").contains(c[0]));
    JsonNode deleted = alice.client().get("/v1/events?types=connection.deleted").json()
        .get("events");
    assertTrue(deleted.findValuesAsText("connectionId").contains(c[0]));
    assertEquals(404, alice.client().delete("/v1/connections/" + c[0]).status());
    assertEquals(404, alice.client().get("/v1/connections/unknown").status());
    assertEquals(404, alice.client().postText("/v1/connections/unknown/messages", "x").status());
  }

  @Test
  void aMalformedLinkIsABadRequestWithTheErrorEnvelope() throws Exception {
    Resp r = bob.client().postText("/v1/connections", "parley:/nonsense");
    assertEquals(400, r.status(), r.body());
    assertEquals("bad_link", r.errorCode());
    assertNotNull(r.json().get("error").get("message"));
  }
}

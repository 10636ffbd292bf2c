package io.parley.daemon.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.daemon.api.ApiClient.Resp;
import io.parley.daemon.api.ApiFixture.Daemon;
import io.parley.daemon.api.http.Json;
import io.parley.agent.testing.TestNetwork.Pair;
import io.parley.daemon.api.webhooks.WebhookConfig;
import io.parley.protocol.crypto.Hashes;
import io.parley.testkit.Await;
import io.parley.testkit.LeakCheck;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Webhooks deliver every event in order, signed, at least once, retrying until 2xx. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(LeakCheck.class)
class WebhookApiTest {
  private static final String SECRET = "a-long-shared-secret";
  private static final WebhookConfig FAST_RETRIES = new WebhookConfig(50, 200, 5_000);

  ApiFixture fx;
  Daemon alice;
  Daemon bob;
  Pair pair;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    fx = new ApiFixture(dir);
    alice = fx.daemon("alice", b -> b.webhooks(FAST_RETRIES));
    bob = fx.daemon("bob");
    pair = fx.network().connect(alice.agent(), bob.agent());
  }

  @AfterAll
  void stop() {
    fx.close();
  }

  private void bobSends(String... texts) throws Exception {
    for (String t : texts) {
      assertEquals(202, bob.client().postText("/v1/connections/" + pair.joinerConnection()
          + "/messages", t).status());
    }
  }

  private static String text(WebhookReceiver.Delivery d) throws Exception {
    return Json.MAPPER.readTree(d.body()).get("data").get("text").asText();
  }

  @Test
  void aFailingReceiverIsRetriedUntilItAnswers2xxAndGetsEveryEventInOrder() throws Exception {
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      receiver.failing = true;
      Resp created = alice.client().post("/v1/webhooks", Map.of("url", receiver.url(),
          "types", List.of("message.received"), "secret", SECRET));
      assertEquals(201, created.status(), created.body());
      assertFalse(created.json().has("secret"), "a chosen secret is not echoed");
      String id = created.json().get("id").asText();

      bobSends("w0", "w1", "w2");
      JsonNode stuck = Await.value("three pending events and repeated attempts",
          () -> alice.client().get("/v1/webhooks/" + id).json(),
          w -> w.get("pending").asLong() == 3 && w.get("attempts").asInt() >= 3);
      assertEquals("HTTP 503", stuck.get("lastError").asText());
      assertTrue(stuck.get("lastSuccessAt").isNull());

      receiver.failing = false;
      bobSends("w3");
      List<WebhookReceiver.Delivery> ok = Await.value("four accepted deliveries",
          receiver::accepted, l -> l.size() == 4);
      assertEquals(List.of("w0", "w1", "w2", "w3"),
          List.of(text(ok.get(0)), text(ok.get(1)), text(ok.get(2)), text(ok.get(3))));
      long lastSeq = 0;
      for (WebhookReceiver.Delivery d : receiver.all()) {
        JsonNode body = Json.MAPPER.readTree(d.body());
        assertEquals(body.get("seq").asText(), d.headers().get("x-parley-seq"));
        assertEquals("message.received", d.headers().get("x-parley-event"));
        assertEquals("sha256=" + HexFormat.of().formatHex(Hashes.hmacSha256(
            SECRET.getBytes(StandardCharsets.UTF_8), d.body().getBytes(StandardCharsets.UTF_8))),
            d.headers().get("x-parley-signature"));
        assertTrue(body.get("seq").asLong() >= lastSeq, "never out of order");
        lastSeq = body.get("seq").asLong();
      }
      JsonNode done = Await.value("nothing pending",
          () -> alice.client().get("/v1/webhooks/" + id).json(),
          w -> w.get("pending").asLong() == 0);
      assertEquals(lastSeq, done.get("cursor").asLong());
      assertEquals(0, done.get("attempts").asInt());
      assertFalse(done.get("lastSuccessAt").isNull());
      assertEquals(204, alice.client().delete("/v1/webhooks/" + id).status());
    }
  }

  @Test
  void aWebhookKeepsItsCursorAcrossAnApiRestartAndStopsWhenDeleted() throws Exception {
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      receiver.failing = true;
      Resp created = alice.client().post("/v1/webhooks", Map.of("url", receiver.url(),
          "types", List.of("message.received")));
      String secret = created.json().get("secret").asText();
      assertTrue(secret.length() >= 43, "a generated secret is returned once");
      String id = created.json().get("id").asText();
      bobSends("r0", "r1");
      Await.value("two pending", () -> alice.client().get("/v1/webhooks/" + id).json(),
          w -> w.get("pending").asLong() == 2);

      fx.stopApi(alice);
      receiver.failing = false;
      alice = fx.attach(alice.agent(), b -> b.webhooks(FAST_RETRIES));
      List<WebhookReceiver.Delivery> ok = Await.value("both delivered after the restart",
          receiver::accepted, l -> l.size() == 2);
      assertEquals("r0", text(ok.get(0)));
      assertEquals("r1", text(ok.get(1)));
      assertTrue(alice.client().get("/v1/webhooks").json().get("webhooks")
          .findValuesAsText("id").contains(id));

      assertEquals(204, alice.client().delete("/v1/webhooks/" + id).status());
      assertEquals(404, alice.client().get("/v1/webhooks/" + id).status());
      int before = receiver.all().size();
      try (WebhookReceiver witness = new WebhookReceiver()) {
        Resp live = alice.client().post("/v1/webhooks", Map.of("url", witness.url(),
            "types", List.of("message.received")));
        bobSends("after-delete");
        Await.value("the live webhook's delivery", witness::accepted, l -> l.size() == 1);
        assertEquals(before, receiver.all().size(), "the deleted webhook got nothing");
        alice.client().delete("/v1/webhooks/" + live.json().get("id").asText());
      }
    }
  }

  @Test
  void invalidWebhooksAreRefused() throws Exception {
    assertEquals(400, alice.client().post("/v1/webhooks", Map.of("url", "ftp://x/y")).status());
    assertEquals(400, alice.client().post("/v1/webhooks", Map.of("url", "not a url")).status());
    assertEquals(400, alice.client().post("/v1/webhooks",
        Map.of("url", "http://127.0.0.1:1/", "types", List.of())).status());
    assertEquals(400, alice.client().post("/v1/webhooks",
        Map.of("url", "http://127.0.0.1:1/", "secret", "short")).status());
  }
}

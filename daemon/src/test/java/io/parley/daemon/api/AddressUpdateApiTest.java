package io.parley.daemon.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.agent.error.AgentException;
import io.parley.daemon.api.ApiClient.Resp;
import io.parley.daemon.api.ApiFixture.Daemon;
import io.parley.daemon.api.http.Json;
import io.parley.protocol.agent.AgentLimits;
import io.parley.testkit.Await;
import io.parley.testkit.LeakCheck;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code PUT /v1/address} on an existing address changes its settings in place. */
@ExtendWith(LeakCheck.class)
class AddressUpdateApiTest {
  private static Map<String, Object> settings(boolean autoAccept, String welcome) {
    Map<String, Object> m = new HashMap<>();
    m.put("autoAccept", autoAccept);
    m.put("welcome", welcome);
    return m;
  }

  /** {@code joiner} asks the address to connect; returns its connection id. */
  private static String join(Daemon joiner, String link) throws Exception {
    Resp r = joiner.client().post("/v1/connections", Map.of("link", link));
    assertEquals(201, r.status(), r.body());
    return r.json().get("connectionId").asText();
  }

  private static void awaitEstablished(Daemon d, String connectionId) throws Exception {
    Await.value("established", () -> d.client().get("/v1/connections/" + connectionId).json(),
        c -> c.path("status").asText().equals("established"));
  }

  private static JsonNode awaitMessages(Daemon d, String connectionId, int n) throws Exception {
    return Await.value(n + " messages", () -> d.client().get("/v1/connections/" + connectionId
        + "/messages").json().get("messages"), m -> m.size() >= n);
  }

  @Test
  void putOnAnExistingAddressChangesItsSettingsAndKeepsItsLink(@TempDir Path dir)
      throws Exception {
    try (ApiFixture fx = new ApiFixture(dir)) {
      Daemon alice = fx.daemon("alice");
      ApiClient a = alice.client();
      Resp created = a.put("/v1/address", settings(false, "hi"));
      assertEquals(201, created.status(), created.body());
      String link = created.json().get("link").asText();

      Resp changed = a.put("/v1/address", settings(true, "hello"));
      assertEquals(200, changed.status(), changed.body());
      assertEquals(link, changed.json().get("link").asText(), "the link stays");
      assertTrue(changed.json().get("autoAccept").asBoolean());
      assertEquals("hello", changed.json().get("welcome").asText());
      assertEquals(created.json().get("createdAt"), changed.json().get("createdAt"));
      JsonNode shown = a.get("/v1/address").json();
      assertTrue(shown.get("autoAccept").asBoolean());
      assertEquals("hello", shown.get("welcome").asText());

      Resp again = a.put("/v1/address", settings(true, "hello"));
      assertEquals(200, again.status(), again.body());
      assertEquals(changed.json(), again.json(), "the same PUT again changes nothing");

      Resp reset = a.put("/v1/address", Map.of());
      assertEquals(200, reset.status(), reset.body());
      assertFalse(reset.json().get("autoAccept").asBoolean(), "omitted: the default");
      assertTrue(reset.json().get("welcome").isNull(), "omitted: no welcome");
      assertEquals(link, reset.json().get("link").asText());

      Resp tooLong = a.put("/v1/address",
          settings(true, "x".repeat(AgentLimits.MAX_TEXT_BYTES + 1)));
      assertEquals(413, tooLong.status(), tooLong.body());
      assertFalse(a.get("/v1/address").json().get("autoAccept").asBoolean(),
          "a refused update changes nothing");

      assertEquals(204, a.delete("/v1/address").status());
      ExecutionException none = assertThrows(
          ExecutionException.class, () -> alice.agent().agent().updateAddress(true, null)
              .get(30, TimeUnit.SECONDS));
      AgentException cause = assertInstanceOf(AgentException.class, none.getCause());
      assertEquals(AgentException.Reason.NO_ADDRESS, cause.reason());
      Resp recreated = a.put("/v1/address", settings(true, null));
      assertEquals(201, recreated.status(), recreated.body());
      assertNotEquals(link, recreated.json().get("link").asText(), "a new address, a new link");
    }
  }

  @Test
  void changedSettingsSurviveARestart(@TempDir Path dir) throws Exception {
    try (ApiFixture fx = new ApiFixture(dir)) {
      Daemon alice = fx.daemon("alice");
      String link = alice.client().put("/v1/address", settings(false, null)).json()
          .get("link").asText();
      assertEquals(200, alice.client().put("/v1/address", settings(true, "hi")).status());

      fx.stopApi(alice);
      Daemon again = fx.attach(fx.network().agent("alice"), b -> b);
      JsonNode shown = again.client().get("/v1/address").json();
      assertEquals(link, shown.get("link").asText());
      assertTrue(shown.get("autoAccept").asBoolean());
      assertEquals("hi", shown.get("welcome").asText());
    }
  }

  @Test
  void twoPutsAtOnceMakeOneAddress(@TempDir Path dir) throws Exception {
    try (ApiFixture fx = new ApiFixture(dir)) {
      ApiClient a = fx.daemon("alice").client();
      List<CompletableFuture<HttpResponse<String>>> puts = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        puts.add(a.http().sendAsync(a.request("/v1/address")
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString("{\"autoAccept\":true}")).build(),
            HttpResponse.BodyHandlers.ofString()));
      }
      List<Integer> statuses = new ArrayList<>();
      Set<String> links = new HashSet<>();
      for (CompletableFuture<HttpResponse<String>> f : puts) {
        HttpResponse<String> r = f.get(ApiClient.REQUEST_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        statuses.add(r.statusCode());
        links.add(Json.MAPPER.readTree(r.body()).path("link").asText());
      }
      Collections.sort(statuses);
      assertEquals(List.of(200, 201), statuses, "one creates, the other finds it");
      assertEquals(Set.of(a.get("/v1/address").json().get("link").asText()), links);
    }
  }

  @Test
  void turningAutoAcceptOnMakesTheNextRequestConnectWithoutReview(@TempDir Path dir)
      throws Exception {
    try (ApiFixture fx = new ApiFixture(dir)) {
      Daemon alice = fx.daemon("alice");
      Daemon bob = fx.daemon("bob");
      Daemon carol = fx.daemon("carol");
      String link = alice.client().put("/v1/address", settings(false, null)).json()
          .get("link").asText();
      join(bob, link);
      Await.value("bob's request held for review",
          () -> alice.client().get("/v1/requests").json().get("requests"), r -> r.size() == 1);

      assertEquals(200, alice.client().put("/v1/address", settings(true, null)).status());
      String carolConn = join(carol, link);
      awaitEstablished(carol, carolConn);
      JsonNode connections = alice.client().get("/v1/connections").json().get("connections");
      assertEquals(1, connections.size(), "carol's request was accepted without review");
      assertTrue(connections.get(0).get("viaContactAddress").asBoolean());
      assertEquals(1, alice.client().get("/v1/requests").json().get("requests").size(),
          "bob's request, made before the change, still waits");
    }
  }

  @Test
  void turningAutoAcceptOffHoldsTheNextRequestForReview(@TempDir Path dir) throws Exception {
    try (ApiFixture fx = new ApiFixture(dir)) {
      Daemon alice = fx.daemon("alice");
      Daemon bob = fx.daemon("bob");
      String link = alice.client().put("/v1/address", settings(true, null)).json()
          .get("link").asText();
      assertEquals(200, alice.client().put("/v1/address", settings(false, null)).status());

      join(bob, link);
      JsonNode requests = Await.value("bob's request held for review",
          () -> alice.client().get("/v1/requests").json()
              .get("requests"), r -> r.size() == 1);
      assertEquals(0, alice.client().get("/v1/connections").json().get("connections").size());
      Resp accepted = alice.client().postEmpty("/v1/requests/"
          + requests.get(0).get("id").asText() + "/accept");
      assertEquals(200, accepted.status(), accepted.body());
    }
  }

  @Test
  void aChangedWelcomeIsWhatTheNextNewContactReceives(@TempDir Path dir) throws Exception {
    try (ApiFixture fx = new ApiFixture(dir)) {
      Daemon alice = fx.daemon("alice");
      Daemon bob = fx.daemon("bob");
      Daemon carol = fx.daemon("carol");
      String link = alice.client().put("/v1/address", settings(true, "welcome, v1")).json()
          .get("link").asText();
      String bobConn = join(bob, link);
      assertEquals("welcome, v1", awaitMessages(bob, bobConn, 1).get(0).get("text").asText());

      assertEquals(200, alice.client().put("/v1/address", settings(true, "welcome, v2"))
          .status());
      String carolConn = join(carol, link);
      JsonNode carolGot = awaitMessages(carol, carolConn, 1);
      assertEquals(1, carolGot.size());
      assertEquals("welcome, v2", carolGot.get(0).get("text").asText());
      assertEquals(1, bob.client().get("/v1/connections/" + bobConn + "/messages").json()
          .get("messages").size(), "an earlier contact is not greeted again");
    }
  }
}

package io.parley.daemon.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.daemon.api.ApiClient.Resp;
import io.parley.daemon.api.ApiFixture.Daemon;
import io.parley.testkit.Await;
import io.parley.testkit.LeakCheck;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The contact address and its requests, through the API of real daemons. */
@ExtendWith(LeakCheck.class)
class AddressApiTest {
  @Test
  void aRequestOnAManualAddressIsListedAcceptedAndWelcomedAndAnotherRejected(
      @TempDir Path dir) throws Exception {
    try (ApiFixture fx = new ApiFixture(dir)) {
      Daemon alice = fx.daemon("alice");
      Daemon bob = fx.daemon("bob");
      Daemon carol = fx.daemon("carol");
      Resp created = alice.client().put("/v1/address",
          Map.of("autoAccept", false, "welcome", "welcome, send /help"));
      assertEquals(201, created.status(), created.body());
      String link = created.json().get("link").asText();
      assertTrue(link.startsWith("parley:/contact"), "a contact link");
      assertEquals(200, alice.client().put("/v1/address",
          Map.of("autoAccept", false, "welcome", "welcome, send /help")).status());
      assertEquals(link, alice.client().get("/v1/address").json().get("link").asText());
      assertEquals(200, alice.client().get("/v1/address.png").status());
      assertTrue(alice.client().get("/v1/address.svg").body().contains("<svg"));

      String bobConn = bob.client().post("/v1/connections", Map.of("link", link)).json()
          .get("connectionId").asText();
      JsonNode requests = Await.value("bob's request",
          () -> alice.client().get("/v1/requests").json()
              .get("requests"), r -> r.size() == 1);
      Resp accepted = alice.client().postEmpty("/v1/requests/" + requests.get(0).get("id")
          .asText() + "/accept");
      assertEquals(200, accepted.status(), accepted.body());
      String aliceConn = accepted.json().get("connectionId").asText();
      Await.value("bob established", () -> bob.client().get("/v1/connections/" + bobConn).json(),
          c -> c.path("status").asText().equals("established"));
      JsonNode welcome = Await.value("the welcome message",
          () -> bob.client().get("/v1/connections/" + bobConn
              + "/messages").json().get("messages"), m -> m.size() == 1);
      assertEquals("welcome, send /help", welcome.get(0).get("text").asText());
      assertTrue(alice.client().get("/v1/connections/" + aliceConn).json()
          .get("viaContactAddress").asBoolean());
      assertTrue(alice.client().get("/v1/connections/" + aliceConn).json().get("pq").asBoolean(),
          "two current daemons use the post-quantum ratchet, through an address too");
      assertTrue(bob.client().get("/v1/connections/" + bobConn).json().get("pq").asBoolean());

      carol.client().postText("/v1/connections", link);
      JsonNode second = Await.value("carol's request",
          () -> alice.client().get("/v1/requests").json()
              .get("requests"), r -> r.size() == 1);
      assertEquals(204, alice.client().postEmpty("/v1/requests/" + second.get(0).get("id")
          .asText() + "/reject").status());
      assertEquals(0, alice.client().get("/v1/requests").json().get("requests").size());
      assertEquals(404, alice.client().postEmpty("/v1/requests/unknown/accept").status());

      assertEquals(204, alice.client().delete("/v1/address").status());
      assertEquals(404, alice.client().get("/v1/address").status());
      assertEquals(404, alice.client().get("/v1/address.png").status());
      assertEquals("established", alice.client().get("/v1/connections/" + aliceConn).json()
          .get("status").asText(), "deleting the address keeps its connections");
    }
  }

  @Test
  void anAutoAcceptAddressConnectsWithoutARequest(@TempDir Path dir) throws Exception {
    try (ApiFixture fx = new ApiFixture(dir)) {
      Daemon alice = fx.daemon("alice");
      Daemon bob = fx.daemon("bob");
      String link = alice.client().put("/v1/address", Map.of("autoAccept", true)).json()
          .get("link").asText();
      String bobConn = bob.client().post("/v1/connections", Map.of("link", link, "alias", "a"))
          .json().get("connectionId").asText();
      Await.value("bob established", () -> bob.client().get("/v1/connections/" + bobConn).json(),
          c -> c.path("status").asText().equals("established"));
      assertEquals(0, alice.client().get("/v1/requests").json().get("requests").size());
      assertEquals(1, alice.client().get("/v1/connections").json().get("connections").size());
    }
  }
}

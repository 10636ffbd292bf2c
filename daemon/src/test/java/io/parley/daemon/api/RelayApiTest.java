package io.parley.daemon.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.agent.testing.TestNetwork;
import io.parley.agent.testing.TestNetwork.TestAgent;
import io.parley.daemon.api.ApiClient.Resp;
import io.parley.daemon.api.ApiFixture.Daemon;
import io.parley.protocol.transport.RelayAddress;
import io.parley.relay.testing.RelayFixture;
import io.parley.testkit.Await;
import io.parley.testkit.LeakCheck;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Relays as a resource through the API, and each connection's queues by relay. */
@ExtendWith(LeakCheck.class)
class RelayApiTest {
  @Test
  void relaysAreListedAddedAndRetiredAndAConnectionShowsAQueueOnEachByHostAndPort(
      @TempDir Path dir) throws Exception {
    try (ApiFixture fx = new ApiFixture(dir)) {
      TestNetwork net = fx.network();
      RelayFixture second = net.relay("second");
      RelayFixture third = net.relay("third");
      Daemon alice = fx.attach(net.agent("alice",
          List.of(net.relay().address(), second.address())), b -> b);
      Daemon bob = fx.attach(net.agent("bob",
          List.of(net.relay().address(), second.address())), b -> b);

      JsonNode relays = Await.value("both relays up", () -> alice.client().get("/v1/relays"),
          r -> r.status() == 200 && r.json().get("relays").size() == 2
              && r.json().get("relays").findValuesAsText("status").stream()
                  .allMatch("up"::equals)).json().get("relays");
      assertEquals(0, relays.get(0).get("queues").asInt());

      Resp added = alice.client().post("/v1/relays",
          Map.of("address", third.address().toString()));
      assertEquals(201, added.status(), added.body());
      String thirdId = added.json().get("id").asText();
      assertEquals("127.0.0.1:" + third.port(), added.json().get("hostPort").asText());
      assertEquals(400, alice.client().post("/v1/relays", Map.of("address", "nonsense"))
          .status());

      Resp inv = alice.client().post("/v1/invitations", Map.of());
      assertEquals(201, inv.status(), inv.body());
      String aliceConn = inv.json().get("connectionId").asText();
      Resp join = bob.client().post("/v1/connections",
          Map.of("link", inv.json().get("link").asText()));
      assertEquals(201, join.status(), join.body());
      JsonNode conn = Await.value("alice's queues active",
          () -> alice.client().get("/v1/connections/" + aliceConn).json(),
          c -> c.get("queues").size() == 4 && c.get("queues").findValuesAsText("state")
              .stream().allMatch("active"::equals));
      Set<String> shown = new HashSet<>();
      for (JsonNode q : conn.get("queues")) {
        assertTrue(q.get("relay").asText().matches("127\\.0\\.0\\.1:\\d+"), q.toString());
        assertFalse(q.toString().contains("smp://"), "no address with its key hash");
        shown.add(q.get("direction").asText());
      }
      assertEquals(Set.of("receive", "send"), shown);

      // A relay without queues is forgotten at once (204); one with queues is retired by
      // rotating them off it (202), and forgotten too.
      assertEquals(204, alice.client().delete("/v1/relays/" + thirdId).status());
      assertEquals(404, alice.client().delete("/v1/relays/" + thirdId).status());
      String busyId = null;
      for (JsonNode r : alice.client().get("/v1/relays").json().get("relays")) {
        if (r.get("queues").asInt() > 0) {
          busyId = r.get("id").asText();
        }
      }
      Resp busy = alice.client().delete("/v1/relays/" + busyId);
      assertEquals(202, busy.status(), busy.body());
      assertEquals("retiring", busy.json().get("state").asText());
      assertEquals(1, busy.json().get("queues").asInt());
      assertFalse(alice.client().get("/v1/relays").json().get("relays")
          .findValuesAsText("id").contains(thirdId), "the relay without queues is gone at once");
      Await.value("alice's connection moved off the retired relay",
          () -> alice.client().get("/v1/connections/" + aliceConn).json(),
          c -> c.get("queues").size() == 4 && c.get("queues").findValuesAsText("state")
              .stream().allMatch("active"::equals));
      assertTrue(thirdId.length() > 0);
      String retired = busyId;
      Await.until("the retired relay dropped from the list once it holds nothing",
          () -> alice.client().get("/v1/relays").json().get("relays")
              .findValuesAsText("id").stream().noneMatch(retired::equals));
    }
  }

  @Test
  void aRetiredRelayIsListedAsRetiringWithItsQueueCountAndOneHoldingTheAddressAnswers409(
      @TempDir Path dir) throws Exception {
    try (ApiFixture fx = new ApiFixture(dir)) {
      TestNetwork net = fx.network();
      RelayFixture second = net.relay("second");
      List<RelayAddress> two = List.of(net.relay().address(), second.address());
      TestAgent aliceAgent = net.agent("alice", two);
      Daemon alice = fx.attach(aliceAgent, b -> b);
      net.connect(aliceAgent, net.agent("bob", two));
      // Bob is away: the rotation waits for his switch, so the old queue stays on the relay.
      net.stop("bob");
      String secondId = relayNamed(alice, second.address()).get("id").asText();

      Resp busy = alice.client().delete("/v1/relays/" + secondId);
      assertEquals(202, busy.status(), busy.body());
      JsonNode retiring = relayNamed(alice, second.address());
      assertEquals("retiring", retiring.get("status").asText());
      assertEquals(1, retiring.get("queues").asInt());
      Resp again = alice.client().delete("/v1/relays/" + secondId);
      assertEquals(202, again.status(), "retiring it again answers the same: " + again.body());
      assertEquals(1, again.json().get("queues").asInt());

      net.agent("bob", two);
      Await.until("the retired relay dropped from the list once it holds nothing",
          () -> relayNamed(alice, second.address()) == null);

      Resp addr = alice.client().put("/v1/address", Map.of());
      assertEquals(201, addr.status(), addr.body());
      String firstId = relayNamed(alice, net.relay().address()).get("id").asText();
      Resp refused = alice.client().delete("/v1/relays/" + firstId);
      assertEquals(409, refused.status(), refused.body());
      assertEquals("address_on_relay", refused.json().get("error").get("code").asText());
      assertTrue(refused.json().get("error").get("message").asText().contains("make a new"),
          refused.body());
    }
  }

  /** The relay with this address in {@code GET /v1/relays}, or null. */
  private static JsonNode relayNamed(Daemon d, RelayAddress address) throws Exception {
    for (JsonNode r : d.client().get("/v1/relays").json().get("relays")) {
      if (r.get("address").asText().equals(address.toString())) {
        return r;
      }
    }
    return null;
  }

  @Test
  void aProfilesAdminTokenListsTheSharedRelaysButOnlyTheOwnerTokenAddsOrRetiresOne(
      @TempDir Path dir) throws Exception {
    try (ApiFixture fx = new ApiFixture(dir)) {
      TestNetwork net = fx.network();
      RelayFixture second = net.relay("second");
      RelayFixture third = net.relay("third");
      List<RelayAddress> two =
          List.of(net.relay().address(), second.address());
      Daemon alice = fx.attach(net.agent("alice", two), b -> b);
      Daemon bob = fx.attach(net.agent("bob", two), b -> b);
      Resp made = alice.client().post("/v1/profiles", Map.of("name", "Echo"));
      assertEquals(201, made.status(), made.body());
      String profile = made.json().get("id").asText();
      ApiClient echo = alice.client().withToken(made.json().get("token").get("token").asText());

      Resp listed = echo.get("/v1/relays");
      assertEquals(200, listed.status(), listed.body());
      assertEquals(2, listed.json().get("relays").size());
      Resp refused = echo.post("/v1/relays", Map.of("address", third.address().toString()));
      assertEquals(403, refused.status(), refused.body());
      assertEquals("forbidden", refused.json().get("error").get("code").asText());
      String id = listed.json().get("relays").get(0).get("id").asText();
      assertEquals(403, echo.delete("/v1/relays/" + id).status());
      assertEquals(2, alice.client().get("/v1/relays").json().get("relays").size(),
          "nothing changed");

      // The profile's own connections get a queue on each relay, each way, like the default's.
      Resp inv = echo.post("/v1/invitations", Map.of());
      assertEquals(201, inv.status(), inv.body());
      String conn = inv.json().get("connectionId").asText();
      Resp join = bob.client().post("/v1/connections",
          Map.of("link", inv.json().get("link").asText()));
      assertEquals(201, join.status(), join.body());
      JsonNode detail = Await.value("the profile's queues active",
          () -> echo.get("/v1/connections/" + conn).json(),
          c -> c.get("queues").size() == 4 && c.get("queues").findValuesAsText("state")
              .stream().allMatch("active"::equals));
      assertEquals(profile, detail.get("profile").asText());
      assertEquals("bob", detail.get("peerProfile").get("name").asText(), detail.toString());
      assertEquals(404, alice.client().get("/v1/connections/" + conn).status(),
          "another profile's connection is unknown to the owner token's default profile");
    }
  }
}

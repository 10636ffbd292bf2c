package io.parley.daemon.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.daemon.api.ApiClient.Resp;
import io.parley.daemon.api.ApiFixture.Daemon;
import io.parley.daemon.api.webhooks.WebhookDispatcher;
import io.parley.testkit.Await;
import io.parley.testkit.LeakCheck;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Profiles through the API of a real daemon: the owner token manages them, each profile's
 * token acts in its profile only, and every path that names another profile's data answers
 * 404 (never 403) and changes nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(LeakCheck.class)
class ProfileApiTest {
  ApiFixture fx;
  Daemon host;
  Daemon bob;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    fx = new ApiFixture(dir);
    host = fx.daemon("host");
    bob = fx.daemon("bob");
  }

  @AfterAll
  void stop() {
    fx.close();
  }

  /** A profile created through the owner token, and a client holding its admin token. */
  private record Made(String id, ApiClient client) {}

  private Made profile(String name) throws Exception {
    Resp r = host.client().post("/v1/profiles", Map.of("name", name, "description", "a bot"));
    assertEquals(201, r.status(), r.body());
    JsonNode token = r.json().get("token");
    assertEquals("admin", token.get("scope").asText());
    assertEquals(r.json().get("id").asText(), token.get("profile").asText());
    return new Made(r.json().get("id").asText(),
        host.client().withToken(token.get("token").asText()));
  }

  /** {@code inviter} invites, Bob's default profile joins; returns both connection ids. */
  private String[] connectBob(ApiClient inviter) throws Exception {
    Resp inv = inviter.post("/v1/invitations", Map.of());
    assertEquals(201, inv.status(), inv.body());
    String mine = inv.json().get("connectionId").asText();
    Resp join = bob.client().post("/v1/connections",
        Map.of("link", inv.json().get("link").asText()));
    String theirs = join.json().get("connectionId").asText();
    Await.value("established", () -> inviter.get("/v1/connections/" + mine),
        r -> r.json().path("status").asText().equals("established"));
    return new String[] {mine, theirs};
  }

  @Test
  void oneProfileFillsOnlyItsShareOfWebhooksAndTheOwnerCanStillAddOne() throws Exception {
    Made greedy = profile("Greedy");
    List<String> made = new ArrayList<>();
    for (int i = 0; i < WebhookDispatcher.MAX_WEBHOOKS_PER_PROFILE; i++) {
      Resp r = greedy.client().post("/v1/webhooks", Map.of("url", "http://127.0.0.1:1/" + i));
      assertEquals(201, r.status(), r.body());
      made.add(r.json().get("id").asText());
    }
    Resp refused = greedy.client().post("/v1/webhooks", Map.of("url", "http://127.0.0.1:1/x"));
    assertEquals(409, refused.status());
    assertEquals("conflict", refused.errorCode());
    Resp owners = host.client().post("/v1/webhooks", Map.of("url", "http://127.0.0.1:1/o"));
    assertEquals(201, owners.status(), owners.body());
    assertEquals(204, host.client().delete("/v1/webhooks/" + owners.json().get("id").asText())
        .status());
    for (String id : made) {
      assertEquals(204, greedy.client().delete("/v1/webhooks/" + id).status());
    }
  }

  /** One request of the table: what a profile's token must not reach. */
  private record Probe(String method, String path, Object body) {
    Resp run(ApiClient c) throws Exception {
      return switch (method) {
        case "GET" -> c.get(path);
        case "DELETE" -> c.delete(path);
        case "PATCH" -> c.patch(path, body);
        case "POST" -> body instanceof String s ? c.postText(path, s) : c.post(path, body);
        case "PUT" -> c.put(path, body);
        default -> throw new AssertionError(method);
      };
    }

    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  @Test
  void aProfilesTokenGets404ForEveryPathNamingTheDefaultProfilesDataAndChangesNothing()
      throws Exception {
    ApiClient owner = host.client();
    // The default profile's data: a chat with Bob with a message each way, a pending
    // invitation, an address with a request waiting, a consumer, a webhook and a token.
    String[] chat = connectBob(owner);
    Resp sent = owner.postText("/v1/connections/" + chat[0] + "/messages", "private hello");
    String outId = sent.json().get("messageId").asText();
    bob.client().postText("/v1/connections/" + chat[1] + "/messages", "private answer");
    String inId = Await.value("the answer arrives", () -> owner.get("/v1/connections/"
        + chat[0] + "/messages"), r -> r.json().get("messages").size() == 2)
        .json().get("messages").findValuesAsText("id").stream()
        .filter(id -> !id.equals(outId)).findFirst().orElseThrow();
    String pending = owner.post("/v1/invitations", Map.of()).json().get("connectionId")
        .asText();
    String link = owner.put("/v1/address", Map.of("autoAccept", false)).json().get("link")
        .asText();
    Daemon carol = fx.daemon("carol");
    carol.client().post("/v1/connections", Map.of("link", link));
    String request = Await.value("a request waits", () -> owner.get("/v1/requests"),
        r -> r.json().get("requests").size() == 1).json().get("requests").get(0).get("id")
        .asText();
    assertEquals(200, owner.post("/v1/consumers/bot/ack", Map.of("seq", 1)).status());
    String webhook = owner.post("/v1/webhooks", Map.of("url", "http://127.0.0.1:9/h"))
        .json().get("id").asText();
    String token = owner.post("/v1/tokens", Map.of("scope", "send")).json().get("id")
        .asText();

    Made echo = profile("Echo");
    ApiClient other = echo.client();
    List<Probe> probes = List.of(
        new Probe("GET", "/v1/connections/" + chat[0], null),
        new Probe("PATCH", "/v1/connections/" + chat[0], Map.of("alias", "stolen")),
        new Probe("POST", "/v1/connections/" + chat[0] + "/messages", "from the bot"),
        new Probe("GET", "/v1/connections/" + chat[0] + "/messages", null),
        new Probe("GET", "/v1/connections/" + pending + "/invitation.png", null),
        new Probe("GET", "/v1/connections/" + pending + "/invitation.svg", null),
        new Probe("GET", "/v1/messages/" + outId, null),
        new Probe("GET", "/v1/messages/" + inId, null),
        new Probe("POST", "/v1/requests/" + request + "/accept", Map.of()),
        new Probe("POST", "/v1/requests/" + request + "/reject", Map.of()),
        new Probe("GET", "/v1/address", null),
        new Probe("GET", "/v1/address.png", null),
        new Probe("DELETE", "/v1/address", null),
        new Probe("GET", "/v1/consumers/bot", null),
        new Probe("DELETE", "/v1/consumers/bot", null),
        new Probe("GET", "/v1/webhooks/" + webhook, null),
        new Probe("DELETE", "/v1/webhooks/" + webhook, null),
        new Probe("DELETE", "/v1/tokens/" + token, null),
        new Probe("GET", "/v1/profiles/default", null),
        new Probe("PATCH", "/v1/profiles/default", Map.of("name", "Mallory")),
        new Probe("DELETE", "/v1/profiles/default", null),
        new Probe("DELETE", "/v1/connections/" + pending, null),
        new Probe("DELETE", "/v1/connections/" + chat[0], null));
    List<String> wrong = new ArrayList<>();
    for (Probe p : probes) {
      Resp r = p.run(other);
      if (r.status() != 404 || !r.errorCode().equals("not_found")) {
        wrong.add(p + " -> " + r.status() + " " + r.body());
      }
    }
    assertEquals(List.of(), wrong, "every probe is 404 not_found");

    // Lists show the profile's own things only.
    assertEquals(0, other.get("/v1/connections").json().get("connections").size());
    assertEquals(0, other.get("/v1/requests").json().get("requests").size());
    assertEquals(0, other.get("/v1/consumers").json().get("consumers").size());
    assertEquals(0, other.get("/v1/webhooks").json().get("webhooks").size());
    assertEquals(List.of(echo.id()), other.get("/v1/tokens").json().get("tokens")
        .findValuesAsText("profile"));
    assertEquals(List.of(echo.id()), other.get("/v1/profiles").json().get("profiles")
        .findValuesAsText("id"));
    JsonNode events = other.get("/v1/events?after=0").json().get("events");
    for (JsonNode e : events) {
      assertTrue(e.get("type").asText().startsWith("relay."), "only every profile's events: "
          + e.get("type"));
    }
    assertFalse(events.toString().contains("private"), "no text of the default profile");
    assertEquals(0, other.get("/v1/info").json().get("connections").asInt());

    // Creating profiles and minting their tokens is the owner's: 403, which names nothing.
    assertEquals(403, other.post("/v1/profiles", Map.of("name", "Sneaky")).status());
    assertEquals(403, other.post("/v1/profiles/default/tokens", Map.of("scope", "admin"))
        .status());
    assertEquals(403, other.get("/metrics").status(), "daemon-wide metrics are the owner's");

    // The default profile's data is as it was.
    JsonNode conn = owner.get("/v1/connections/" + chat[0]).json();
    assertEquals("established", conn.get("status").asText());
    assertTrue(conn.get("alias").isNull() || !conn.get("alias").asText().equals("stolen"));
    assertEquals(2, owner.get("/v1/connections/" + chat[0] + "/messages").json()
        .get("messages").size(), "nothing was sent by the bot");
    assertEquals(200, owner.get("/v1/connections/" + pending + "/invitation.svg").status());
    assertEquals(link, owner.get("/v1/address").json().get("link").asText());
    assertEquals(List.of(request), owner.get("/v1/requests").json().get("requests")
        .findValuesAsText("id"));
    assertEquals(200, owner.get("/v1/consumers/bot").status());
    assertEquals(200, owner.get("/v1/webhooks/" + webhook).status());
    assertTrue(owner.get("/v1/tokens").json().get("tokens").findValuesAsText("id")
        .contains(token));
    assertNotEquals("Mallory", owner.get("/v1/profiles/default").json().get("name").asText());
  }

  @Test
  void eachProfileHasItsOwnConnectionsEventsAndConsumersAndShowsThePeersProfile()
      throws Exception {
    Made notifier = profile("Notifier");
    String[] chat = connectBob(notifier.client());
    JsonNode seenByBob = Await.value("bob sees the profile", () -> bob.client()
        .get("/v1/connections/" + chat[1]), r -> r.json().path("peerProfile").isObject())
        .json();
    assertEquals("Notifier", seenByBob.get("peerProfile").get("name").asText());
    assertEquals("a bot", seenByBob.get("peerProfile").get("description").asText());
    assertEquals(notifier.id(), notifier.client().get("/v1/connections/" + chat[0]).json()
        .get("profile").asText());

    bob.client().postText("/v1/connections/" + chat[1] + "/messages", "alert please");
    JsonNode mine = Await.value("the message event", () -> notifier.client().get(
        "/v1/events?after=0&types=message.received"),
        r -> r.json().get("events").size() == 1).json().get("events").get(0);
    assertEquals(chat[0], mine.get("connectionId").asText());
    long seq = mine.get("seq").asLong();
    JsonNode ownerEvents = host.client().get("/v1/events?after=0&types=message.received")
        .json().get("events");
    for (JsonNode e : ownerEvents) {
      assertNotEquals(chat[0], e.get("connectionId").asText(), "not in the owner's stream");
    }

    // Consumers of the same name in two profiles keep their own cursors.
    assertEquals(200, notifier.client().post("/v1/consumers/bot/ack", Map.of("seq", seq))
        .status());
    Resp ownerBot = host.client().get("/v1/consumers/bot");
    assertTrue(ownerBot.status() == 404 || ownerBot.json().get("cursor").asLong() != seq);
    assertEquals(seq, notifier.client().get("/v1/consumers/bot").json().get("cursor")
        .asLong());
  }

  @Test
  void aProfilesWebSocketAndWebhookCarryItsOwnMessagesAndNotTheDefaultProfiles()
      throws Exception {
    Made p = profile("Streams");
    String[] ownerChat = connectBob(host.client());
    String[] profileChat = connectBob(p.client());
    try (WebhookReceiver receiver = new WebhookReceiver();
        WsClient ws = WsClient.connect(p.client(), "after=latest&types=message.received")) {
      assertEquals(201, p.client().post("/v1/webhooks", Map.of("url", receiver.url(),
          "types", List.of("message.received"))).status());
      // The default profile's message is committed first; the profile's streams are in log
      // order, so it would come first if they carried it.
      bob.client().postText("/v1/connections/" + ownerChat[1] + "/messages", "for the owner");
      Await.value("the owner got it", () -> host.client().get("/v1/events?after=0"
          + "&types=message.received"), r -> r.body().contains("for the owner"));
      bob.client().postText("/v1/connections/" + profileChat[1] + "/messages",
          "for the profile");

      JsonNode first = ws.take(1).get(0);
      assertEquals(profileChat[0], first.get("connectionId").asText());
      assertEquals("for the profile", first.get("data").get("text").asText());
      WebhookReceiver.Delivery d = Await.value("the webhook delivery", receiver::accepted,
          l -> !l.isEmpty()).get(0);
      assertTrue(d.body().contains("for the profile"), "the first delivery is the profile's");
      assertFalse(d.body().contains("for the owner"));
    }
  }

  @Test
  void deletingAProfileDeletesItsQueuesOnTheRelayAndRevokesItsTokens() throws Exception {
    Made bot = profile("Doomed");
    connectBob(bot.client());
    assertEquals(201, bot.client().put("/v1/address", Map.of("autoAccept", true)).status());
    assertEquals(201, bot.client().post("/v1/webhooks", Map.of("url", "http://127.0.0.1:9/h"))
        .status());
    int before = fx.network().relay().relay().queueCount();

    assertEquals(403, bot.client().delete("/v1/profiles/" + bot.id()).status(),
        "a profile does not delete itself; the owner does");
    assertEquals(204, host.client().delete("/v1/profiles/" + bot.id()).status());

    Await.until("its connection's and its address's queues are gone from the relay",
        () -> fx.network().relay().relay().queueCount() == before - 2);
    assertEquals(401, bot.client().get("/v1/connections").status(), "its token is revoked");
    assertEquals(404, host.client().get("/v1/profiles/" + bot.id()).status());
    assertFalse(host.client().get("/v1/profiles").json().get("profiles")
        .findValuesAsText("id").contains(bot.id()));
    assertEquals(404, host.client().delete("/v1/profiles/" + bot.id()).status());
    assertEquals(400, host.client().delete("/v1/profiles/default").status(),
        "the default profile stays");
  }

  @Test
  void theOwnerMintsATokenForAProfileAndRenamesIt() throws Exception {
    Made p = profile("Minted");
    Resp minted = host.client().post("/v1/profiles/" + p.id() + "/tokens",
        Map.of("scope", "send", "name", "alerts"));
    assertEquals(201, minted.status(), minted.body());
    ApiClient send = host.client().withToken(minted.json().get("token").asText());
    assertEquals(200, send.get("/v1/connections").status());
    assertEquals(403, send.get("/v1/events").status(), "a send token stays a send token");
    assertEquals(404, host.client().post("/v1/profiles/nope/tokens", Map.of("scope", "send"))
        .status());

    Resp renamed = p.client().patch("/v1/profiles/" + p.id(), Map.of("name", "Renamed"));
    assertEquals(200, renamed.status(), renamed.body());
    assertEquals("Renamed", host.client().get("/v1/profiles/" + p.id()).json().get("name")
        .asText());
    assertEquals(400, host.client().post("/v1/profiles", Map.of("name", "")).status());
    assertEquals(400, host.client().post("/v1/profiles", Map.of()).status());
  }

  @Test
  void aBotsCommandListSetByPatchReachesThePeerInTheHandshakeAsPeerProfileCommands()
      throws Exception {
    Made bot = profile("Commander");
    Resp set = bot.client().patch("/v1/profiles/" + bot.id(), Map.of("commands", List.of(
        Map.of("name", "help", "description", "show this list"),
        Map.of("name", "/ping", "description", "answers pong"))));
    assertEquals(200, set.status(), set.body());
    assertEquals("Commander", set.json().path("name").asText(), "the name stays");
    assertEquals("ping", set.json().at("/commands/1/name").asText(), "the slash is dropped");
    String[] chat = connectBob(bot.client());
    JsonNode seen = Await.value("bob has the bot's profile",
        () -> bob.client().get("/v1/connections/" + chat[1]).json(),
        j -> j.at("/peerProfile/commands").size() == 2);
    assertEquals("Commander", seen.at("/peerProfile/name").asText());
    assertEquals("help", seen.at("/peerProfile/commands/0/name").asText());
    assertEquals("answers pong", seen.at("/peerProfile/commands/1/description").asText());
    Resp cleared = bot.client().patch("/v1/profiles/" + bot.id(), Map.of("description", "d"));
    assertEquals(2, cleared.json().path("commands").size(), "a PATCH without commands keeps them");
  }

  @Test
  void aCommandListThatBreaksARuleIsRefusedWith422AndChangesNothing() throws Exception {
    Made bot = profile("Strict");
    List<Map<String, Object>> tooMany = new ArrayList<>();
    for (int i = 0; i <= io.parley.agent.model.ProfileCommand.MAX_COMMANDS; i++) {
      tooMany.add(Map.of("name", "c" + i));
    }
    List<Object> bodies = List.of(
        Map.of("commands", tooMany),
        Map.of("commands", List.of(Map.of("name", "Has Space"))),
        Map.of("commands", List.of(Map.of("name", "ok", "description", "two\nlines"))),
        Map.of("commands", List.of(Map.of("name", "twice"), Map.of("name", "twice"))),
        Map.of("commands", "help"));
    for (Object body : bodies) {
      Resp r = bot.client().patch("/v1/profiles/" + bot.id(), body);
      assertEquals(422, r.status(), r.body());
      assertEquals("invalid_commands", r.errorCode());
    }
    List<Map<String, Object>> wide = new ArrayList<>();
    for (int i = 0; i < io.parley.agent.model.ProfileCommand.MAX_COMMANDS; i++) {
      wide.add(Map.of("name", "c" + i, "description", "\u00e9".repeat(
          io.parley.agent.model.ProfileCommand.MAX_DESCRIPTION_CHARS)));
    }
    Resp large = bot.client().patch("/v1/profiles/" + bot.id(), Map.of("name", "Renamed",
        "commands", wide));
    assertEquals(422, large.status(), large.body());
    assertEquals("profile_too_large", large.errorCode());
    JsonNode after = bot.client().get("/v1/profiles/" + bot.id()).json();
    assertEquals(0, after.path("commands").size());
    assertEquals("Strict", after.path("name").asText(), "the name in the same PATCH is kept");
  }
}

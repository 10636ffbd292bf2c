package io.parley.bots.notifier.e2e;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.bots.notifier.command.SubscriptionCommands;
import io.parley.bots.notifier.config.NotifierConfig;
import io.parley.bots.notifier.delivery.DeliverySettings;
import io.parley.bots.notifier.http.ReceiverSettings;
import io.parley.bots.notifier.sdk.NotifierBot;
import io.parley.bots.notifier.testing.Samples;
import io.parley.sdk.ParleyClient;
import io.parley.sdk.model.Message;
import io.parley.sdk.testing.DaemonFixture;
import io.parley.sdk.testing.DaemonFixture.TestDaemon;
import io.parley.testkit.Await;
import io.parley.testkit.LeakCheck;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The notifier bot against real daemons and a real relay: a subscriber on a second daemon
 * subscribes through chat, alert sources post over real HTTP, and the subscriber's daemon
 * receives the messages.
 */
@ExtendWith(LeakCheck.class)
class NotifierEndToEndTest {
  private static final String NOTIFY_TOKEN = "e2e-notify-token-000000000001";
  private static final long LIMIT_BYTES = 64 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;
  private DaemonFixture net;
  private TestDaemon botDaemon;
  private NotifierConfig config;
  private NotifierBot bot;
  private ParleyClient alice;
  private String aliceConn;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    net = new DaemonFixture(dir.resolve("net"));
    botDaemon = net.daemon("notifier");
    TestDaemon aliceDaemon = net.daemon("alice");
    String apiToken = Files.readString(botDaemon.tokenFile()).strip();
    config = new NotifierConfig(URI.create(botDaemon.apiUrl()), apiToken, "127.0.0.1",
        0, dir.resolve("bot"), NOTIFY_TOKEN, new ReceiverSettings(LIMIT_BYTES, 5),
        DeliverySettings.defaults());
    bot = NotifierBot.start(config, Clock.systemUTC());
    alice = aliceDaemon.client();
    aliceConn = alice.join(bot.contactAddress().orElseThrow().link());
    Await.value("alice connected to the bot", () -> alice.connection(aliceConn),
        c -> c.isEstablished());
    assertEquals(SubscriptionCommands.WELCOME, nextFromBot(0),
        "the welcome message says how to subscribe");
  }

  @AfterEach
  void stop() {
    if (bot != null) {
      bot.close();
    }
    net.close();
  }

  /** The texts the bot sent alice, oldest first. */
  private List<String> fromBot() throws Exception {
    return alice.history(aliceConn).stream().filter(Message::isIncoming).map(Message::text)
        .toList();
  }

  /** Waits for the bot's message number {@code index} (0-based) to alice and returns it. */
  private String nextFromBot(int index) throws Exception {
    return Await.value("message " + index + " from the bot", this::fromBot,
        texts -> texts.size() > index).get(index);
  }

  /** Alice sends a command and waits for the bot's answer, its message {@code index}. */
  private String command(String text, int index) throws Exception {
    alice.send(aliceConn, text);
    return nextFromBot(index);
  }

  private HttpResponse<String> ready() throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
        + bot.receiverPort() + "/v1/ready")).build(), BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String topic, byte[] body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
        + bot.receiverPort() + "/notify/" + topic))
        .header("Authorization", "Bearer " + NOTIFY_TOKEN)
        .header("Content-Type", "application/json")
        .POST(BodyPublishers.ofByteArray(body)).build(), BodyHandlers.ofString());
  }

  private static JsonNode result(HttpResponse<String> r) throws Exception {
    assertEquals(200, r.statusCode(), r.body());
    return JSON.readTree(r.body());
  }

  @Test
  void theSubscriberSeesTheNotifiersCommandsInItsProfileFromTheHandshake() {
    List<String> names = alice.connection(aliceConn).peerProfile().commands().stream()
        .map(c -> c.name()).toList();
    assertEquals(List.of("help", "subscribe", "unsubscribe", "list", "mute"), names);
  }

  @Test
  void aSubscriberGetsFiringThenResolvedAndNothingWhileMutedOrAfterUnsubscribing()
      throws Exception {
    assertTrue(command("/subscribe storage", 1).startsWith("Subscribed to storage."));
    assertEquals(1, result(post("storage", Samples.bytes("alertmanager-firing.json")))
        .get("queued").asInt());
    String firing = nextFromBot(2);
    assertTrue(firing.startsWith("🔥 [storage] FIRING [critical] DiskAlmostFull · 2 alerts\n"),
        firing);
    assertEquals(1, result(post("storage", Samples.bytes("alertmanager-resolved.json")))
        .get("queued").asInt());
    String resolved = nextFromBot(3);
    assertTrue(resolved.startsWith("✅ [storage] RESOLVED [critical] DiskAlmostFull · 2 alerts\n"
        + "Resolves: FIRING [critical] DiskAlmostFull · 2 alerts (since "), resolved);

    assertTrue(command("/mute 60", 4).startsWith("Muted storage for 60 minutes"));
    assertEquals(1, result(post("storage", Samples.bytes("uptime-kuma-down.json")))
        .get("muted").asInt());
    assertEquals("Unmuted storage.", command("/mute 0", 5));
    assertEquals("Your topics:\n- storage", command("/list", 6));
    assertTrue(command("/unsubscribe storage", 7).startsWith("Unsubscribed from storage."));
    HttpResponse<String> nobody = post("storage", Samples.bytes("grafana-firing.json"));
    assertEquals(404, nobody.statusCode(), nobody.body());
    assertEquals("no_subscribers", JSON.readTree(nobody.body()).at("/error/code").asText());

    HttpResponse<String> malformed = post("storage", "{\"alerts\":".getBytes(UTF_8));
    assertEquals(400, malformed.statusCode());
    HttpResponse<String> oversized = post("storage", new byte[(int) LIMIT_BYTES + 1]);
    assertEquals(413, oversized.statusCode());
    assertEquals("You have no subscriptions. Send /subscribe TOPIC to add one.",
        command("/list", 8), "nothing arrived between the last two answers");
  }

  @Test
  void whileTheDaemonIsDownAlertsGet503AndNoneIsLostOnceItIsBack() throws Exception {
    assertTrue(command("/subscribe storage", 1).startsWith("Subscribed to storage."));
    assertEquals(200, ready().statusCode());
    botDaemon.stop();
    HttpResponse<String> notReady = ready();
    assertEquals(503, notReady.statusCode(), notReady.body());
    assertTrue(notReady.body().contains("daemon unavailable"), notReady.body());
    HttpResponse<String> down = post("storage", Samples.bytes("alertmanager-firing.json"));
    assertEquals(503, down.statusCode(), down.body());
    assertEquals("5", down.headers().firstValue("Retry-After").orElse(""));

    botDaemon.restart();
    Await.value("ready once the daemon is back", this::ready, r -> r.statusCode() == 200);
    HttpResponse<String> retried = post("storage", Samples.bytes("alertmanager-firing.json"));
    assertEquals(1, result(retried).get("queued").asInt());
    assertTrue(nextFromBot(2).startsWith("🔥 [storage] FIRING [critical] DiskAlmostFull"));
    assertTrue(command("/list", 3).startsWith("Your topics:\n- storage"),
        "the bot still takes commands after the daemon came back");
    assertEquals(4, fromBot().size(), "exactly one copy of the alert");
  }

  @Test
  void subscriptionsSurviveARestartOfTheBotWhichAnswersNoCommandTwice() throws Exception {
    assertTrue(command("/subscribe storage", 1).startsWith("Subscribed to storage."));
    bot.close();
    bot = NotifierBot.start(config, Clock.systemUTC());
    assertEquals(1, result(post("storage", Samples.bytes("uptime-kuma-down.json")))
        .get("queued").asInt());
    assertTrue(nextFromBot(2).startsWith("🔥 [storage] FIRING Shop front page\n"));
    assertEquals("Your topics:\n- storage", command("/list", 3));
    assertEquals(4, fromBot().size(), "the restarted bot did not answer /subscribe again");
  }
}

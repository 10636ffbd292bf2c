package io.parley.bots.notifier.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.bots.notifier.config.NotifierConfig;
import io.parley.bots.notifier.delivery.DeliverySettings;
import io.parley.bots.notifier.http.ReceiverSettings;
import io.parley.bots.notifier.sdk.NotifierBot;
import io.parley.bots.notifier.testing.LogCapture;
import io.parley.bots.notifier.testing.Samples;
import io.parley.sdk.ParleyClient;
import io.parley.sdk.model.ApiToken;
import io.parley.sdk.model.Message;
import io.parley.sdk.model.TokenScope;
import io.parley.sdk.testing.DaemonFixture;
import io.parley.sdk.testing.DaemonFixture.TestDaemon;
import io.parley.testkit.Await;
import io.parley.testkit.SettableClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an accepted alert is promised, against real daemons and a real relay: it is delivered,
 * late in a digest rather than never, across a restart of the notifier; a topic nobody follows
 * is an error; a subscriber who deleted the chat is dropped; and a daemon that is down or
 * refuses the token is waited for instead of ending the notifier. The dispatcher's clock is
 * frozen, so the rate limit refills only when a test moves it.
 */
class NotifierDeliveryPromisesTest {
  private static final String NOTIFY_TOKEN = "e2e-notify-token-000000000002";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration RETRY_MIN = Duration.ofMillis(50);
  private static final Duration RETRY_MAX = Duration.ofMillis(200);
  /** Most digest messages a 200-group burst may take. */
  private static final int MAX_BURST_DIGESTS = 3;
  private static final Pattern ALERT_LINE = Pattern.compile("(FIRING|RESOLVED) \\[warning\\] "
      + "(Burst\\d{3})(\\n|$)", Pattern.MULTILINE);

  @TempDir
  Path dir;
  private final SettableClock clock = new SettableClock(Instant.parse("2026-03-14T09:27:00Z"));
  private final HttpClient http = HttpClient.newHttpClient();
  private DaemonFixture net;
  private TestDaemon botDaemon;
  private TestDaemon aliceDaemon;
  private NotifierBot bot;
  private ParleyClient alice;
  private String aliceConn;

  @BeforeEach
  void start() throws Exception {
    net = new DaemonFixture(dir.resolve("net"));
    botDaemon = net.daemon("notifier");
    aliceDaemon = net.daemon("alice");
  }

  @AfterEach
  void stop() {
    if (bot != null) {
      bot.close();
    }
    net.close();
  }

  private NotifierConfig config(DeliverySettings delivery, String apiToken, Path tokenFile) {
    return new NotifierConfig(URI.create(botDaemon.apiUrl()), apiToken, "127.0.0.1", 0,
        dir.resolve("bot"), NOTIFY_TOKEN, new ReceiverSettings(64 * 1024, 5), delivery,
        tokenFile);
  }

  private NotifierConfig rootConfig(DeliverySettings delivery) throws Exception {
    return config(delivery, Files.readString(botDaemon.tokenFile()).strip(), null);
  }

  private NotifierBot startBot(NotifierConfig config) throws Exception {
    return NotifierBot.start(config, clock, RETRY_MIN, RETRY_MAX);
  }

  /** Alice connects to the bot and subscribes to {@code topic}. */
  private void subscribe(String topic) throws Exception {
    alice = aliceDaemon.client();
    aliceConn = alice.join(bot.contactAddress().orElseThrow().link());
    Await.value("alice connected to the bot",
        () -> alice.connection(aliceConn), c -> c.isEstablished());
    nextFromBot(0);
    alice.send(aliceConn, "/subscribe " + topic);
    assertTrue(nextFromBot(1).startsWith("Subscribed to " + topic + "."));
  }

  private List<String> fromBot() throws Exception {
    return alice.history(aliceConn).stream().filter(Message::isIncoming).map(Message::text)
        .toList();
  }

  private String nextFromBot(int index) throws Exception {
    return Await.value("message " + index + " from the bot",
        this::fromBot, texts -> texts.size() > index).get(index);
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

  /** "FIRING Burst007", "RESOLVED Burst007", … for every alert line in the texts. */
  private static Set<String> alertLines(List<String> texts) {
    Set<String> seen = new HashSet<>();
    for (String t : texts) {
      Matcher m = ALERT_LINE.matcher(t);
      while (m.find()) {
        seen.add(m.group(1) + " " + m.group(2));
      }
    }
    return seen;
  }

  @Test
  void aBurstOf200GroupsFiringThenResolvingReachesTheSubscriberCompletelyInAFewDigests()
      throws Exception {
    bot = startBot(rootConfig(DeliverySettings.defaults()));
    subscribe("burst");
    int held = 0;
    for (boolean firing : new boolean[] {true, false}) {
      for (int i = 0; i < 200; i++) {
        held += result(post("burst", Samples.alertmanagerGroup(
            String.format("Burst%03d", i), firing))).get("held").asInt();
      }
    }
    assertEquals(400 - DeliverySettings.DEFAULT_RATE_BURST, held);

    clock.advance(DeliverySettings.DEFAULT_RATE_REFILL);
    List<String> texts = Await.value("every FIRING and RESOLVED of the 200 groups",
        this::fromBot, t -> alertLines(t).size() == 400);
    List<String> alerts = texts.subList(2, texts.size());
    long digests = alerts.stream().filter(t -> t.startsWith("⏳ ")).count();
    assertTrue(digests >= 1 && digests <= MAX_BURST_DIGESTS, digests + " digests");
    assertEquals(DeliverySettings.DEFAULT_RATE_BURST + digests, alerts.size(),
        "the burst's first messages one by one, then digests only");
  }

  @Test
  void alertsHeldWhenTheNotifierStopsArriveAfterItStartsAgain() throws Exception {
    NotifierConfig config = rootConfig(
        DeliverySettings.defaults().withRate(1, Duration.ofHours(1)));
    bot = startBot(config);
    subscribe("storage");
    assertEquals(1, result(post("storage", Samples.alertmanagerGroup("Direct", true)))
        .get("queued").asInt());
    assertEquals(1, result(post("storage", Samples.alertmanagerGroup("Late", true)))
        .get("held").asInt());
    assertEquals(1, result(post("storage", Samples.alertmanagerGroup("Late", false)))
        .get("held").asInt());
    bot.close();
    bot = startBot(config);
    String digest = nextFromBot(3);
    assertTrue(digest.startsWith("⏳ 2 alerts held back by the rate limit"), digest);
    assertTrue(digest.contains("🔥 [storage] FIRING [warning] Late\n"), digest);
    assertTrue(digest.endsWith("✅ [storage] RESOLVED [warning] Late"), digest);
  }

  @Test
  void aSubscriberWhoDeletedTheChatIsUnsubscribedAndTheDeadConnectionDeleted() throws Exception {
    try (LogCapture logs = new LogCapture()) {
      bot = startBot(rootConfig(DeliverySettings.defaults()));
      subscribe("storage");
      alice.deleteConnection(aliceConn);
      assertEquals(1, result(post("storage", Samples.alertmanagerGroup("Orphan", true)))
          .get("queued").asInt(), "the daemon takes it; the relay refuses it later");
      Await.until("the bot noticed the deleted connection",
          () -> logs.contains("removed its 1 subscription(s)"));
      HttpResponse<String> after = post("storage", Samples.alertmanagerGroup("Next", true));
      assertEquals(404, after.statusCode(), after.body());
      ParleyClient own = botDaemon.client();
      Await.until("the dead connection is deleted", () -> own.connections().isEmpty());
    }
  }

  @Test
  void theBotKeepsRunningWhenItsRestartedDaemonRefusesTheTokenAndResumesWithTheReplacedFile()
      throws Exception {
    ParleyClient root = botDaemon.client();
    ApiToken first = root.tokens().create(TokenScope.ADMIN, "notifier");
    Path tokenFile = dir.resolve("notifier.token");
    Files.writeString(tokenFile, first.token());
    try (LogCapture logs = new LogCapture()) {
      bot = startBot(config(DeliverySettings.defaults(), first.token(), tokenFile));
      subscribe("storage");
      root.tokens().delete(first.id());
      botDaemon.restart();
      Await.until("the refused token is logged", () -> logs.contains("HTTP 401 (unauthorized)"));
      Await.until("the bot keeps trying",
          () -> logs.lines().stream().filter(l -> l.contains("retrying in"))
          .count() >= 2);
      assertTrue(bot.failure().isEmpty(), "the bot did not stop");

      ApiToken second = botDaemon.client().tokens().create(TokenScope.ADMIN, "notifier-2");
      Files.writeString(tokenFile, second.token());
      alice.send(aliceConn, "/list");
      assertEquals("Your topics:\n- storage", nextFromBot(2));
      assertEquals(1, result(post("storage", Samples.alertmanagerGroup("Back", true)))
          .get("queued").asInt());
      assertTrue(nextFromBot(3).startsWith("🔥 [storage] FIRING [warning] Back"));
      for (String line : logs.lines()) {
        assertFalse(line.contains(first.token()) || line.contains(second.token()), line);
      }
    }
  }

  @Test
  void aBotStartedWhileItsDaemonIsDownWaitsForItInsteadOfExiting() throws Exception {
    NotifierConfig config = rootConfig(DeliverySettings.defaults());
    botDaemon.stop();
    try (LogCapture logs = new LogCapture()) {
      CompletableFuture<NotifierBot> starting = CompletableFuture.supplyAsync(() -> {
        try {
          return startBot(config);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      Await.until("the bot waits for its daemon",
          () -> logs.lines().stream().filter(l -> l.contains(
          "cannot start the bot on the daemon at " + botDaemon.apiUrl() + ": no answer"))
          .count() >= 2);
      assertFalse(starting.isDone());
      botDaemon.restart();
      bot = starting.get(30, TimeUnit.SECONDS);
    }
    subscribe("storage");
    assertEquals(1, result(post("storage", Samples.alertmanagerGroup("Up", true)))
        .get("queued").asInt());
  }
}

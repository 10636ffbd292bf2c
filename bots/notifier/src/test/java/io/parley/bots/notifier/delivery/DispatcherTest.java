package io.parley.bots.notifier.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.bots.notifier.alert.Alert;
import io.parley.bots.notifier.alert.AlertGroup;
import io.parley.bots.notifier.alert.AlertStatus;
import io.parley.bots.notifier.alert.Source;
import io.parley.bots.notifier.parse.PayloadParser;
import io.parley.bots.notifier.parse.RawPayload;
import io.parley.bots.notifier.store.DeliveryLedger;
import io.parley.bots.notifier.store.FiringLedger;
import io.parley.bots.notifier.store.NotifierStore;
import io.parley.bots.notifier.store.Subscriptions;
import io.parley.bots.notifier.testing.RecordingGateway;
import io.parley.bots.notifier.testing.Samples;
import io.parley.testkit.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DispatcherTest {
  @TempDir
  Path dir;
  private final SettableClock clock = new SettableClock(Instant.parse("2025-03-14T09:27:00Z"));
  private final RecordingGateway gateway = new RecordingGateway();
  private NotifierStore store;
  private Subscriptions subs;
  private Dispatcher dispatcher;

  @BeforeEach
  void open() throws Exception {
    store = NotifierStore.open(dir);
    subs = new Subscriptions(store);
    dispatcher = newDispatcher(DeliverySettings.defaults());
  }

  @AfterEach
  void close() {
    store.close();
  }

  private Dispatcher newDispatcher(DeliverySettings settings) {
    return new Dispatcher(gateway, subs, new DeliveryLedger(store), new FiringLedger(store),
        settings, clock);
  }

  private static AlertGroup sample(String name) throws Exception {
    return new PayloadParser().parse(RawPayload.of(Samples.bytes(name)));
  }

  private static AlertGroup text(String body) {
    return new AlertGroup(Source.TEXT, AlertStatus.NOTICE, null, null, List.of(new Alert(
        "message", AlertStatus.NOTICE, null, null, body, List.of(), null)), 0, null);
  }

  @Test
  void anAlertGoesToEveryUnmutedSubscriberOfItsTopicOnly() throws Exception {
    subs.add("a", "storage", clock.instant());
    subs.add("b", "storage", clock.instant());
    subs.add("c", "other", clock.instant());
    subs.add("d", "storage", clock.instant());
    subs.mute("d", "storage", clock.instant().plus(Duration.ofMinutes(5)));
    DispatchResult r = dispatcher.dispatch("storage", sample("alertmanager-firing.json"));
    assertEquals(new DispatchResult(3, 2, 0, 1, 0, 0, 0), r);
    assertEquals(1, gateway.textsTo("a").size());
    assertEquals(gateway.textsTo("a"), gateway.textsTo("b"));
    assertEquals(0, gateway.attempts("c") + gateway.attempts("d"));
  }

  @Test
  void aResolvedGroupNamesTheFiringMessageSentEarlierForTheSameGroupKey() throws Exception {
    subs.add("a", "storage", clock.instant());
    dispatcher.dispatch("storage", sample("alertmanager-firing.json"));
    clock.advance(Duration.ofMinutes(35));
    dispatcher.dispatch("storage", sample("alertmanager-resolved.json"));
    List<String> texts = gateway.textsTo("a");
    assertEquals(2, texts.size());
    assertTrue(texts.get(1).startsWith("✅ [storage] RESOLVED [critical] DiskAlmostFull · "
        + "2 alerts\nResolves: FIRING [critical] DiskAlmostFull · 2 alerts (since 2025-03-14 "
        + "09:27 UTC)"), texts.get(1));
  }

  @Test
  void anIdenticalRepeatWithinTheWindowIsSuppressedAndSentAgainAfterIt() throws Exception {
    subs.add("a", "storage", clock.instant());
    dispatcher.dispatch("storage", sample("alertmanager-firing.json"));
    clock.advance(DeliverySettings.DEFAULT_REPEAT_WINDOW.minusSeconds(1));
    DispatchResult repeat = dispatcher.dispatch("storage", sample("alertmanager-firing.json"));
    assertEquals(1, repeat.duplicates());
    assertEquals(1, gateway.textsTo("a").size());
    clock.advance(Duration.ofSeconds(2));
    assertEquals(1, dispatcher.dispatch("storage", sample("alertmanager-firing.json"))
        .queued());
    assertEquals(2, gateway.textsTo("a").size());
  }

  @Test
  void flappingFiringResolvedFiringIsNotSuppressedAsARepeat() throws Exception {
    subs.add("a", "storage", clock.instant());
    dispatcher.dispatch("storage", sample("alertmanager-firing.json"));
    dispatcher.dispatch("storage", sample("alertmanager-resolved.json"));
    dispatcher.dispatch("storage", sample("alertmanager-firing.json"));
    assertEquals(3, gateway.textsTo("a").size());
  }

  @Test
  void overTheRateLimitMessagesAreHeldBackAndTheNextOneSaysHowMany() throws Exception {
    dispatcher = newDispatcher(new DeliverySettings(Duration.ofMinutes(10), 3,
        Duration.ofSeconds(20), Duration.ofDays(30)));
    subs.add("a", "logs", clock.instant());
    int limited = 0;
    for (int i = 0; i < 5; i++) {
      limited += dispatcher.dispatch("logs", text("event " + i)).rateLimited();
    }
    assertEquals(2, limited);
    assertEquals(3, gateway.textsTo("a").size());
    clock.advance(Duration.ofSeconds(20));
    dispatcher.dispatch("logs", text("event 5"));
    List<String> texts = gateway.textsTo("a");
    assertEquals(4, texts.size());
    assertEquals("(2 earlier alerts were held back by the rate limit)\n📣 [logs]\nevent 5",
        texts.get(3));
    assertEquals(1, dispatcher.dispatch("logs", text("event 6")).rateLimited(),
        "one refill gives one message");
  }

  @Test
  void theRateLimitIsPerSubscriber() throws Exception {
    dispatcher = newDispatcher(new DeliverySettings(Duration.ofMinutes(10), 1,
        Duration.ofMinutes(1), Duration.ofDays(30)));
    subs.add("a", "x", clock.instant());
    dispatcher.dispatch("x", text("one"));
    subs.add("b", "x", clock.instant());
    DispatchResult r = dispatcher.dispatch("x", text("two"));
    assertEquals(1, r.queued());
    assertEquals(1, r.rateLimited());
    assertEquals(List.of("📣 [x]\ntwo"), gateway.textsTo("b"));
  }

  @Test
  void whenTheDaemonIsUnavailableTheDispatchFailsAndARetryServesOnlyWhoIsMissing()
      throws Exception {
    subs.add("a", "storage", clock.instant());
    subs.add("b", "storage", clock.instant());
    gateway.failWith(conn -> conn.equals("b")
        ? new ChatUnavailableException("daemon down", null) : null);
    assertThrows(ChatUnavailableException.class,
        () -> dispatcher.dispatch("storage", sample("alertmanager-firing.json")));
    assertEquals(1, gateway.textsTo("a").size());
    gateway.failWith(conn -> null);
    DispatchResult retry = dispatcher.dispatch("storage", sample("alertmanager-firing.json"));
    assertEquals(1, retry.queued());
    assertEquals(1, retry.duplicates());
    assertEquals(1, gateway.textsTo("a").size());
    assertEquals(1, gateway.textsTo("b").size());
  }

  @Test
  void aRetryAfterALostAnswerReusesTheIdempotencyKeySoNothingIsQueuedTwice() throws Exception {
    subs.add("a", "storage", clock.instant());
    gateway.loseAnswers(true);
    assertThrows(ChatUnavailableException.class,
        () -> dispatcher.dispatch("storage", sample("alertmanager-firing.json")));
    gateway.loseAnswers(false);
    clock.advance(Duration.ofSeconds(30));
    assertEquals(1, dispatcher.dispatch("storage", sample("alertmanager-firing.json"))
        .queued());
    assertEquals(2, gateway.attempts("a"));
    assertEquals(1, gateway.sent().size());
  }

  @Test
  void aGoneConnectionLosesItsSubscriptionsAndARejectedMessageIsSkipped() throws Exception {
    subs.add("gone", "storage", clock.instant());
    subs.add("gone", "other", clock.instant());
    subs.add("pending", "storage", clock.instant());
    subs.add("ok", "storage", clock.instant());
    gateway.failWith(conn -> switch (conn) {
      case "gone" -> new RecipientGoneException("no such connection", null);
      case "pending" -> new MessageRejectedException("not established", null);
      default -> null;
    });
    DispatchResult r = dispatcher.dispatch("storage", sample("alertmanager-firing.json"));
    assertEquals(new DispatchResult(3, 1, 0, 0, 0, 1, 1), r);
    assertTrue(subs.of("gone").isEmpty());
    assertEquals(1, subs.of("pending").size());
  }

  @Test
  void aTopicWithoutSubscribersIsAcceptedAndStillRemembersTheFiringGroup() throws Exception {
    assertEquals(new DispatchResult(0, 0, 0, 0, 0, 0, 0),
        dispatcher.dispatch("storage", sample("alertmanager-firing.json")));
    subs.add("a", "storage", clock.instant());
    dispatcher.dispatch("storage", sample("alertmanager-resolved.json"));
    assertTrue(gateway.textsTo("a").get(0).contains("\nResolves: FIRING"));
  }
}

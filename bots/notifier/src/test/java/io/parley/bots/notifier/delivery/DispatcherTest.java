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
import io.parley.bots.notifier.store.HeldAlerts;
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
    return newDispatcher(settings, new HeldAlerts(store));
  }

  private Dispatcher newDispatcher(DeliverySettings settings, HeldAlerts held) {
    return new Dispatcher(gateway, subs, new DeliveryLedger(store), new FiringLedger(store),
        held, settings, clock);
  }

  /** An Alertmanager group of one alert, {@code name}, firing or resolved. */
  static AlertGroup group(String name, boolean firing) throws Exception {
    return new PayloadParser().parse(RawPayload.of(Samples.alertmanagerGroup(name, firing)));
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
  void overTheRateLimitAlertsAreHeldAndOneDigestWithEveryFiringAndResolvedGoesOutWhenTheRateAllows()
      throws Exception {
    dispatcher = newDispatcher(DeliverySettings.defaults().withRate(3, Duration.ofSeconds(20)));
    subs.add("a", "logs", clock.instant());
    int held = 0;
    for (int i = 0; i < 3; i++) {
      assertEquals(1, dispatcher.dispatch("logs", text("event " + i)).queued());
    }
    for (int i = 0; i < 5; i++) {
      held += dispatcher.dispatch("logs", group("Held" + i, true)).held();
      held += dispatcher.dispatch("logs", group("Held" + i, false)).held();
    }
    assertEquals(10, held, "every alert past the burst is held, RESOLVED ones too");
    dispatcher.flushHeld();
    assertEquals(3, gateway.textsTo("a").size(), "nothing more before the allowance refills");

    clock.advance(Duration.ofSeconds(20));
    dispatcher.flushHeld();
    List<String> texts = gateway.textsTo("a");
    assertEquals(4, texts.size(), "one digest for all ten held alerts");
    String digest = texts.get(3);
    assertTrue(digest.startsWith("⏳ 10 alerts held back by the rate limit since "
        + "2025-03-14 09:27 UTC, oldest first (times UTC):\n09:27:00 🔥 [logs] FIRING [warning]"
        + " Held0"), digest);
    for (int i = 0; i < 5; i++) {
      assertTrue(digest.contains("🔥 [logs] FIRING [warning] Held" + i + "\n"), digest);
      assertTrue(digest.contains("✅ [logs] RESOLVED [warning] Held" + i), digest);
    }
    dispatcher.flushHeld();
    clock.advance(Duration.ofSeconds(20));
    dispatcher.flushHeld();
    assertEquals(4, gateway.textsTo("a").size(), "a digest goes out once");
  }

  @Test
  void whileAlertsAreHeldANewOneJoinsTheirDigestInsteadOfOvertakingThem() throws Exception {
    dispatcher = newDispatcher(DeliverySettings.defaults().withRate(1, Duration.ofSeconds(10)));
    subs.add("a", "logs", clock.instant());
    dispatcher.dispatch("logs", text("first"));
    assertEquals(1, dispatcher.dispatch("logs", text("second")).held());
    clock.advance(Duration.ofSeconds(10));
    DispatchResult third = dispatcher.dispatch("logs", text("third"));
    assertEquals(1, third.held());
    List<String> texts = gateway.textsTo("a");
    assertEquals(2, texts.size());
    assertTrue(texts.get(1).endsWith("📣 [logs] second\n09:27:10 📣 [logs] third"),
        texts.get(1));
  }

  @Test
  void heldAlertsSurviveARestartOfTheNotifierAndGoOutAsADigestAfterIt() throws Exception {
    dispatcher = newDispatcher(DeliverySettings.defaults().withRate(1, Duration.ofHours(1)));
    subs.add("a", "storage", clock.instant());
    dispatcher.dispatch("storage", group("Before", true));
    dispatcher.dispatch("storage", group("Kept", true));
    dispatcher.dispatch("storage", group("Kept", false));
    store.close();

    store = NotifierStore.open(dir);
    subs = new Subscriptions(store);
    dispatcher = newDispatcher(DeliverySettings.defaults().withRate(1, Duration.ofHours(1)));
    dispatcher.flushHeld();
    List<String> texts = gateway.textsTo("a");
    assertEquals(2, texts.size());
    assertTrue(texts.get(1).contains("🔥 [storage] FIRING [warning] Kept\n"),
        texts.get(1));
    assertTrue(texts.get(1).endsWith("✅ [storage] RESOLVED [warning] Kept"),
        texts.get(1));
  }

  @Test
  void aDigestWhoseAnswerWasLostIsRetriedWithTheSameKeyAndQueuedOnce() throws Exception {
    dispatcher = newDispatcher(DeliverySettings.defaults().withRate(1, Duration.ofSeconds(5)));
    subs.add("a", "logs", clock.instant());
    dispatcher.dispatch("logs", text("one"));
    dispatcher.dispatch("logs", text("two"));
    clock.advance(Duration.ofSeconds(5));
    gateway.loseAnswers(true);
    dispatcher.flushHeld();
    gateway.loseAnswers(false);
    dispatcher.dispatch("logs", text("three"));
    List<RecordingGateway.Sent> sent = gateway.sent();
    assertEquals(4, gateway.attempts("a"), "one, the lost digest, its retry, three");
    assertEquals(3, sent.size(), "the digest whose answer was lost was queued once");
    assertTrue(sent.get(1).text().endsWith("📣 [logs] two"), sent.get(1).text());
    assertTrue(sent.get(2).text().endsWith("📣 [logs] three"), sent.get(2).text());
  }

  @Test
  void whileTheDaemonIsAwayHeldAlertsStayAndGoOutWhenItIsBack() throws Exception {
    dispatcher = newDispatcher(DeliverySettings.defaults().withRate(1, Duration.ofSeconds(5)));
    subs.add("a", "logs", clock.instant());
    dispatcher.dispatch("logs", text("one"));
    assertEquals(1, dispatcher.dispatch("logs", text("two")).held());
    gateway.failWith(conn -> new ChatUnavailableException("connection refused", null));
    clock.advance(Duration.ofSeconds(5));
    dispatcher.flushHeld();
    gateway.failWith(conn -> null);
    dispatcher.flushHeld();
    assertEquals(2, gateway.textsTo("a").size());
    assertTrue(gateway.textsTo("a").get(1).endsWith("📣 [logs] two"));
  }

  @Test
  void aSubscriberWithAFullBacklogMakesTheDispatchFailSoTheSenderRetries() throws Exception {
    dispatcher = newDispatcher(DeliverySettings.defaults().withRate(1, Duration.ofHours(1)),
        new HeldAlerts(store, 2));
    subs.add("a", "logs", clock.instant());
    dispatcher.dispatch("logs", text("sent"));
    dispatcher.dispatch("logs", text("held 1"));
    dispatcher.dispatch("logs", text("held 2"));
    assertThrows(BacklogFullException.class, () -> dispatcher.dispatch("logs", text("no room")));
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
    assertEquals(1, r.held());
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

package io.parley.sdk.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.sdk.ParleyClient;
import io.parley.sdk.ParleyConfig;
import io.parley.sdk.error.UnauthorizedException;
import io.parley.sdk.model.Event;
import io.parley.sdk.model.EventTypes;
import io.parley.sdk.model.Invitation;
import io.parley.sdk.model.MessageStatus;
import io.parley.sdk.model.QueuedMessage;
import io.parley.sdk.testing.DaemonFixture;
import io.parley.sdk.testing.DaemonFixture.TestDaemon;
import io.parley.sdk.testing.EventRecorder;
import io.parley.sdk.testing.UpgradeRefusingProxy;
import io.parley.testkit.Await;
import io.parley.testkit.LeakCheck;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Subscriptions against real daemons: resume across a dropped WebSocket, a restarted API and a
 * restarted daemon, named consumers, the long-poll fallback, and fatal failures.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(LeakCheck.class)
class SubscriptionTest {
  private static final Duration MIN_BACKOFF = Duration.ofMillis(20);
  private static final Duration MAX_BACKOFF = Duration.ofMillis(200);

  DaemonFixture fx;
  TestDaemon bobDaemon;
  ParleyClient alice;
  ParleyClient bob;
  String aliceConn;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    fx = new DaemonFixture(dir);
    alice = fx.daemon("alice").client();
    bobDaemon = fx.daemon("bob");
    bob = bobDaemon.client();
    Invitation inv = alice.createInvitation();
    String bobConn = bob.join(inv.link());
    aliceConn = inv.connectionId();
    Await.until("alice established", () -> alice.connection(aliceConn).isEstablished());
    Await.until("bob established", () -> bob.connection(bobConn).isEstablished());
  }

  @AfterAll
  void stop() {
    fx.close();
  }

  private SubscriptionOptions.Builder options(EventRecorder rec) {
    return SubscriptionOptions.builder().backoff(MIN_BACKOFF, MAX_BACKOFF).listener(rec)
        .types(Set.of(EventTypes.MESSAGE_RECEIVED));
  }

  /** Alice sends {@code prefix1..prefixN} and waits until Bob's daemon stored them all. */
  private List<String> sendAndAwaitDelivery(String prefix, int from, int to) throws Exception {
    List<String> texts = new ArrayList<>();
    List<QueuedMessage> sent = new ArrayList<>();
    for (int i = from; i <= to; i++) {
      texts.add(prefix + i);
      sent.add(alice.send(aliceConn, prefix + i));
    }
    for (QueuedMessage q : sent) {
      Await.until("delivery of " + q.messageId(),
          () -> alice.message(q.messageId()).status() == MessageStatus.DELIVERED);
    }
    return texts;
  }

  private static List<String> texts(String prefix, int from, int to) {
    return IntStream.rangeClosed(from, to).mapToObj(i -> prefix + i).toList();
  }

  private static void assertStrictlyIncreasing(List<Event> events) {
    for (int i = 1; i < events.size(); i++) {
      assertTrue(events.get(i).seq() > events.get(i - 1).seq(), "seqs must only grow");
    }
  }

  @Test
  void noEventIsLostOrRepeatedWhenTheApiRestartsUnderAWebSocket() throws Exception {
    EventRecorder rec = new EventRecorder();
    try (Subscription sub = bob.subscribe(options(rec).build(), rec)) {
      Await.until("connected", () -> rec.connects() == 1);
      sendAndAwaitDelivery("a", 1, 5);
      rec.awaitTexts(5);

      bobDaemon.stopApi();
      Await.until("the drop noticed", () -> rec.disconnects() >= 1);
      sendAndAwaitDelivery("a", 6, 10);
      bobDaemon.startApi();
      Await.until("reconnected", () -> rec.connects() >= 2);
      sendAndAwaitDelivery("a", 11, 15);

      List<String> got = rec.awaitTexts(15);
      assertEquals(texts("a", 1, 15), got);
      assertStrictlyIncreasing(rec.events());
      assertEquals(Transport.WEBSOCKET, rec.lastTransport());
      assertEquals(rec.events().get(14).seq(), sub.lastSeq());
    }
  }

  @Test
  void noEventIsLostOrRepeatedWhenTheWholeDaemonRestarts() throws Exception {
    EventRecorder rec = new EventRecorder();
    try (Subscription sub = bob.subscribe(options(rec).build(), rec)) {
      Await.until("connected", () -> rec.connects() == 1);
      sendAndAwaitDelivery("b", 1, 3);
      rec.awaitTexts(3);

      bobDaemon.stop();
      List<QueuedMessage> queued = new ArrayList<>();
      for (int i = 4; i <= 6; i++) {
        queued.add(alice.send(aliceConn, "b" + i));
      }
      bobDaemon.restart();
      for (QueuedMessage q : queued) {
        Await.until("delivery after restart",
            () -> alice.message(q.messageId()).status() == MessageStatus.DELIVERED);
      }
      sendAndAwaitDelivery("b", 7, 8);

      assertEquals(texts("b", 1, 8), rec.awaitTexts(8));
      assertStrictlyIncreasing(rec.events());
      assertTrue(sub.isRunning());
    }
  }

  @Test
  void aNamedConsumerResumesAfterTheLastHandledEventWhenItsSubscriberRestarts()
      throws Exception {
    EventRecorder first = new EventRecorder();
    try (Subscription sub = bob.subscribe(options(first).consumer("resumer").build(), first)) {
      Await.until("connected", () -> first.connects() == 1);
      sendAndAwaitDelivery("c", 1, 3);
      first.awaitTexts(3);
      long last = first.events().get(2).seq();
      Await.until("the consumer acknowledged",
          () -> bob.consumer("resumer").orElseThrow().cursor() == last);
    }
    sendAndAwaitDelivery("c", 4, 6);

    EventRecorder second = new EventRecorder();
    try (Subscription sub = bob.subscribe(options(second).consumer("resumer").build(), second)) {
      assertEquals(texts("c", 4, 6), second.awaitTexts(3));
      sendAndAwaitDelivery("c", 7, 7);
      assertEquals(texts("c", 4, 7), second.awaitTexts(4));
    }
    assertEquals(second.events().get(3).seq(), bob.consumer("resumer").orElseThrow().cursor());
  }

  @Test
  void aNewConsumerStartsWithEventsNewerThanItself() throws Exception {
    sendAndAwaitDelivery("old", 1, 2);
    EventRecorder rec = new EventRecorder();
    try (Subscription sub = bob.subscribe(options(rec).consumer("fresh").build(), rec)) {
      Await.until("connected", () -> rec.connects() == 1);
      sendAndAwaitDelivery("new", 1, 1);
      assertEquals(List.of("new1"), rec.awaitTexts(1));
    }
  }

  @Test
  void longPollsDeliverTheSameEventsAcrossAnApiRestart() throws Exception {
    EventRecorder rec = new EventRecorder();
    SubscriptionOptions o = options(rec).transport(Transport.LONG_POLL)
        .longPollWait(Duration.ofSeconds(2)).build();
    try (Subscription sub = bob.subscribe(o, rec)) {
      Await.until("connected", () -> rec.connects() == 1);
      sendAndAwaitDelivery("d", 1, 3);
      rec.awaitTexts(3);
      bobDaemon.stopApi();
      sendAndAwaitDelivery("d", 4, 5);
      bobDaemon.startApi();
      sendAndAwaitDelivery("d", 6, 6);
      assertEquals(texts("d", 1, 6), rec.awaitTexts(6));
      assertStrictlyIncreasing(rec.events());
      assertEquals(Transport.LONG_POLL, sub.transport());
    }
  }

  @Test
  void aRefusedWebSocketUpgradeFallsBackToLongPollsWithoutLosingEvents() throws Exception {
    try (UpgradeRefusingProxy proxy = new UpgradeRefusingProxy(bobDaemon.apiUrl())) {
      ParleyClient viaProxy = ParleyClient.create(ParleyConfig.builder(Map.of())
          .api(proxy.url()).tokenFile(bobDaemon.tokenFile()).build());
      EventRecorder rec = new EventRecorder();
      SubscriptionOptions o = options(rec).after(bob.info().events().latestSeq())
          .longPollWait(Duration.ofSeconds(2)).build();
      sendAndAwaitDelivery("e", 1, 2);
      try (Subscription sub = viaProxy.subscribe(o, rec)) {
        sendAndAwaitDelivery("e", 3, 4);
        assertEquals(texts("e", 1, 4), rec.awaitTexts(4));
        assertEquals(1, rec.fallbacks());
        assertEquals(Transport.LONG_POLL, sub.transport());
      }
    }
  }

  @Test
  void aWrongTokenStopsTheSubscriptionWithUnauthorized() throws Exception {
    ParleyClient wrong = ParleyClient.create(ParleyConfig.builder(Map.of())
        .api(bobDaemon.apiUrl()).token("not-the-token").build());
    EventRecorder rec = new EventRecorder();
    Subscription sub = wrong.subscribe(options(rec).build(), rec);
    assertTrue(sub.awaitStopped(Duration.ofSeconds(10)));
    assertFalse(sub.isRunning());
    assertInstanceOf(UnauthorizedException.class, sub.failure().orElseThrow());
    sub.close();
  }

  @Test
  void aFailingHandlerIsReportedAndTheNextEventStillArrives() throws Exception {
    EventRecorder rec = new EventRecorder();
    try (Subscription sub = bob.subscribe(options(rec).build(), e -> {
      rec.handle(e);
      if ("f1".equals(e.text())) {
        throw new IllegalStateException("handler bug");
      }
    })) {
      Await.until("connected", () -> rec.connects() == 1);
      sendAndAwaitDelivery("f", 1, 2);
      assertEquals(texts("f", 1, 2), rec.awaitTexts(2));
      assertEquals(1, rec.handlerErrors());
    }
  }

  @Test
  void closeWaitsForTheRunningHandlerAndHandsOverNothingAfterIt() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    EventRecorder rec = new EventRecorder();
    Subscription sub = bob.subscribe(options(rec).build(), e -> {
      entered.countDown();
      release.await();
      rec.handle(e);
    });
    Await.until("connected", () -> rec.connects() == 1);
    sendAndAwaitDelivery("g", 1, 2);
    assertTrue(entered.await(30, TimeUnit.SECONDS));
    Thread closer = new Thread(sub::close);
    closer.start();
    Await.until("closing", () -> !sub.isRunning());
    assertTrue(closer.isAlive(), "close must wait for the handler");
    release.countDown();
    closer.join(TimeUnit.SECONDS.toMillis(30));
    assertFalse(closer.isAlive());
    assertEquals(List.of("g1"), rec.texts());
    assertEquals(rec.events().get(0).seq(), sub.lastSeq());
  }
}

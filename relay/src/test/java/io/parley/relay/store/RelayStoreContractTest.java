package io.parley.relay.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.protocol.command.QueueMode;
import io.parley.testkit.Await;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link RelayStore} configuration must show; subclasses pick one. */
abstract class RelayStoreContractTest {
  static final int QUOTA = 4;

  private final List<RelayStore> opened = new ArrayList<>();

  /** A fresh, empty store with queue quota {@code quota}. */
  protected abstract RelayStore newStore(int quota) throws Exception;

  RelayStore store(int quota) throws Exception {
    RelayStore s = newStore(quota);
    opened.add(s);
    return s;
  }

  @AfterEach
  void closeStores() throws Exception {
    for (RelayStore s : opened) {
      s.close();
    }
  }

  static byte[] key(int seed) {
    byte[] k = new byte[32];
    Arrays.fill(k, (byte) seed);
    return k;
  }

  static byte[] body(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static QueueRecord newQueue(RelayStore s) throws Exception {
    return Await.result(s.createQueue(key(1), key(2), QueueMode.MESSAGING));
  }

  static StoredMessage send(RelayStore s, QueueRecord q, String text, long ts) throws Exception {
    AppendResult r = Await.result(s.append(q.recipientId(), true, body(text), ts));
    return assertInstanceOf(AppendResult.Appended.class, r).message();
  }

  static String text(StoredMessage m) {
    return new String(m.body(), StandardCharsets.UTF_8);
  }

  /** Takes the head and removes it, as an ACK would. */
  static StoredMessage take(RelayStore s, QueueRecord q) {
    StoredMessage m = s.peek(q.recipientId()).orElseThrow();
    assertTrue(s.remove(q.recipientId(), m.msgId()));
    return m;
  }

  @Test
  void createdQueueIsFoundByEitherIdAndTheIdsAreUnrelated24RandomBytes() throws Exception {
    RelayStore s = store(QUOTA);
    QueueRecord q = Await.result(s.createQueue(key(1), key(2), QueueMode.CONTACT));
    QueueRecord other = newQueue(s);

    assertEquals(24, q.recipientId().length);
    assertEquals(24, q.senderId().length);
    assertFalse(Arrays.equals(q.recipientId(), q.senderId()));
    assertFalse(Arrays.equals(q.recipientId(), other.recipientId()));
    assertFalse(Arrays.equals(q.senderId(), other.senderId()));
    QueueRecord byR = s.byRecipientId(q.recipientId().clone()).orElseThrow();
    QueueRecord byS = s.bySenderId(q.senderId().clone()).orElseThrow();
    assertArrayEquals(q.senderId(), byR.senderId());
    assertArrayEquals(q.recipientId(), byS.recipientId());
    assertArrayEquals(key(1), byR.recipientAuthKey());
    assertArrayEquals(key(2), byR.deliveryKey());
    assertEquals(QueueMode.CONTACT, byR.mode());
    assertEquals(QueueStatus.ACTIVE, byR.status());
    assertFalse(byR.secured());
    assertEquals(2, s.queueCount());
  }

  @Test
  void idsOfOnePartyDoNotFindTheQueueThroughTheOtherPartysLookup() throws Exception {
    RelayStore s = store(QUOTA);
    QueueRecord q = newQueue(s);
    assertTrue(s.bySenderId(q.recipientId()).isEmpty());
    assertTrue(s.byRecipientId(q.senderId()).isEmpty());
    assertTrue(s.byRecipientId(new byte[3]).isEmpty());
    assertTrue(s.byRecipientId(null).isEmpty());
  }

  @Test
  void securingSetsTheSenderKeyOnTheRecordFoundByBothIds() throws Exception {
    RelayStore s = store(QUOTA);
    QueueRecord q = newQueue(s);
    QueueRecord secured = Await.result(s.secure(q.recipientId(), key(9)));
    assertTrue(secured.secured());
    assertArrayEquals(key(9), s.bySenderId(q.senderId()).orElseThrow().senderAuthKey());
    assertArrayEquals(key(9), s.byRecipientId(q.recipientId()).orElseThrow().senderAuthKey());
  }

  @Test
  void securingAgainWithTheSameKeyIsARetryButAnotherKeyLosesTheRace() throws Exception {
    RelayStore s = store(QUOTA);
    QueueRecord q = newQueue(s);
    Await.result(s.secure(q.recipientId(), key(9)));
    assertArrayEquals(key(9), Await.result(s.secure(q.recipientId(), key(9))).senderAuthKey());
    assertInstanceOf(SenderKeyConflictException.class,
        Await.failure(s.secure(q.recipientId(), key(8))));
    assertArrayEquals(key(9), s.bySenderId(q.senderId()).orElseThrow().senderAuthKey());
  }

  @Test
  void ofManyConcurrentSecuresWithDifferentKeysExactlyOneWins() throws Exception {
    RelayStore s = store(QUOTA);
    QueueRecord q = newQueue(s);
    int racers = 8;
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(racers);
    java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
    java.util.List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
    for (int i = 0; i < racers; i++) {
      byte[] k = key(20 + i);
      results.add(pool.submit(() -> {
        start.await();
        try {
          Await.result(s.secure(q.recipientId(), k));
          return true;
        } catch (SenderKeyConflictException lost) {
          return false;
        }
      }));
    }
    start.countDown();
    int winners = 0;
    for (java.util.concurrent.Future<Boolean> f : results) {
      winners += f.get(30, java.util.concurrent.TimeUnit.SECONDS) ? 1 : 0;
    }
    pool.shutdown();
    assertEquals(1, winners);
  }

  @Test
  void securingOrSuspendingAMissingQueueFailsWithQueueNotFound() throws Exception {
    RelayStore s = store(QUOTA);
    assertInstanceOf(QueueNotFoundException.class, Await.failure(s.secure(new byte[24], key(9))));
    assertInstanceOf(QueueNotFoundException.class, Await.failure(s.suspend(new byte[24])));
  }

  @Test
  void suspendedQueueRefusesSendsButItsMessagesCanStillBeDrained() throws Exception {
    RelayStore s = store(QUOTA);
    QueueRecord q = newQueue(s);
    send(s, q, "before", 1);
    QueueRecord off = Await.result(s.suspend(q.recipientId()));

    assertEquals(QueueStatus.OFF, off.status());
    assertEquals(QueueStatus.OFF, s.bySenderId(q.senderId()).orElseThrow().status());
    assertInstanceOf(AppendResult.NoQueue.class,
        Await.result(s.append(q.recipientId(), false, body("after"), 2)));
    assertEquals("before", text(take(s, q)));
    assertTrue(s.peek(q.recipientId()).isEmpty());
  }

  @Test
  void deletingAQueueRemovesItAndEveryMessageInIt() throws Exception {
    RelayStore s = store(QUOTA);
    QueueRecord q = newQueue(s);
    send(s, q, "a", 1);
    send(s, q, "b", 2);

    assertTrue(Await.result(s.deleteQueue(q.recipientId())));
    assertTrue(s.byRecipientId(q.recipientId()).isEmpty());
    assertTrue(s.bySenderId(q.senderId()).isEmpty());
    assertTrue(s.peek(q.recipientId()).isEmpty());
    assertInstanceOf(AppendResult.NoQueue.class,
        Await.result(s.append(q.recipientId(), false, body("c"), 3)));
    assertFalse(Await.result(s.deleteQueue(q.recipientId())));
    assertEquals(0, s.queueCount());
  }

  @Test
  void messagesAreDeliveredInTheOrderTheyWereAppended() throws Exception {
    RelayStore s = store(QUOTA);
    QueueRecord q = newQueue(s);
    StoredMessage first = send(s, q, "one", 10);
    send(s, q, "two", 11);
    send(s, q, "three", 12);

    StoredMessage head = s.peek(q.recipientId()).orElseThrow();
    assertArrayEquals(first.msgId(), head.msgId());
    assertEquals(10, head.timestamp());
    assertTrue(head.notifyFlag());
    assertFalse(head.quotaMarker());
    assertEquals(24, head.msgId().length);
    assertEquals("one", text(take(s, q)));
    assertEquals("two", text(take(s, q)));
    assertEquals("three", text(take(s, q)));
    assertTrue(s.peek(q.recipientId()).isEmpty());
  }

  @Test
  void removeNamingAnyMessageButTheHeadRemovesNothing() throws Exception {
    RelayStore s = store(QUOTA);
    QueueRecord q = newQueue(s);
    StoredMessage first = send(s, q, "one", 1);
    StoredMessage second = send(s, q, "two", 2);

    assertFalse(s.remove(q.recipientId(), second.msgId()));
    assertFalse(s.remove(q.recipientId(), new byte[24]));
    assertFalse(s.remove(q.recipientId(), null));
    assertFalse(s.remove(q.senderId(), first.msgId()));
    assertArrayEquals(first.msgId(), s.peek(q.recipientId()).orElseThrow().msgId());
    assertTrue(s.remove(q.recipientId(), first.msgId()));
    assertFalse(s.remove(q.recipientId(), first.msgId()));
    assertArrayEquals(second.msgId(), s.peek(q.recipientId()).orElseThrow().msgId());
  }

  @Test
  void sendThatFindsTheQueueFullGetsQuotaExceededAndLeavesOneMarkerLast() throws Exception {
    RelayStore s = store(QUOTA);
    QueueRecord q = newQueue(s);
    for (int i = 0; i < QUOTA; i++) {
      send(s, q, "m" + i, i);
    }
    assertInstanceOf(AppendResult.QuotaExceeded.class,
        Await.result(s.append(q.recipientId(), true, body("over"), 100)));
    assertInstanceOf(AppendResult.QuotaExceeded.class,
        Await.result(s.append(q.recipientId(), true, body("again"), 101)));

    for (int i = 0; i < QUOTA; i++) {
      StoredMessage m = take(s, q);
      assertEquals("m" + i, text(m));
      assertFalse(m.quotaMarker());
    }
    StoredMessage marker = take(s, q);
    assertTrue(marker.quotaMarker());
    assertEquals(0, marker.body().length);
    assertEquals(100, marker.timestamp());
    assertTrue(s.peek(q.recipientId()).isEmpty());
  }

  @Test
  void fullQueueRefusesSendsUntilDrainedCompletelyThenAcceptsThemAgain() throws Exception {
    RelayStore s = store(QUOTA);
    QueueRecord q = newQueue(s);
    for (int i = 0; i < QUOTA; i++) {
      send(s, q, "m" + i, i);
    }
    assertInstanceOf(AppendResult.QuotaExceeded.class,
        Await.result(s.append(q.recipientId(), false, body("over"), 50)));
    for (int i = 0; i < QUOTA; i++) {
      take(s, q);
      assertInstanceOf(AppendResult.QuotaExceeded.class,
          Await.result(s.append(q.recipientId(), false, body("still blocked"), 60 + i)));
    }
    assertTrue(take(s, q).quotaMarker());

    assertEquals("writable", text(send(s, q, "writable", 70)));
    assertEquals("writable", text(take(s, q)));
    assertTrue(s.peek(q.recipientId()).isEmpty());
  }

  @Test
  void expireRemovesExactlyTheMessagesStampedBeforeTheCutoff() throws Exception {
    RelayStore s = store(QUOTA);
    QueueRecord a = newQueue(s);
    QueueRecord b = newQueue(s);
    send(s, a, "a-old", 100);
    send(s, a, "a-new", 200);
    send(s, b, "b-old", 150);
    send(s, b, "b-edge", 199);
    send(s, b, "b-cutoff", 199 + 1);

    assertEquals(3, s.expire(200));
    assertEquals("a-new", text(take(s, a)));
    assertEquals("b-cutoff", text(take(s, b)));
    assertTrue(s.peek(a.recipientId()).isEmpty());
    assertTrue(s.peek(b.recipientId()).isEmpty());
    assertEquals(0, s.expire(Long.MAX_VALUE));
  }

  @Test
  void appendToAnUnknownQueueAnswersNoQueue() throws Exception {
    RelayStore s = store(QUOTA);
    assertInstanceOf(AppendResult.NoQueue.class,
        Await.result(s.append(new byte[24], false, body("x"), 1)));
    assertNull(s.peek(new byte[24]).orElse(null));
  }

  @Test
  void oversizedBodiesAndMissingKeysAreRefusedWithStoreException() throws Exception {
    RelayStore s = store(QUOTA);
    QueueRecord q = newQueue(s);
    byte[] huge = new byte[JournalRelayStore.MAX_BODY_BYTES + 1];
    assertInstanceOf(StoreException.class,
        Await.failure(s.append(q.recipientId(), false, huge, 1)));
    assertInstanceOf(StoreException.class,
        Await.failure(s.createQueue(null, key(2), QueueMode.MESSAGING)));
    assertInstanceOf(StoreException.class, Await.failure(s.secure(q.recipientId(), null)));
    assertTrue(s.peek(q.recipientId()).isEmpty());
    assertEquals(1, s.queueCount());
  }

  @Test
  void concurrentSendersNeverPushAQueuePastItsQuota() throws Exception {
    RelayStore s = store(QUOTA);
    QueueRecord q = newQueue(s);
    List<CompletableFuture<AppendResult>> results = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      Thread th = new Thread(() -> {
        for (int i = 0; i < 10; i++) {
          CompletableFuture<AppendResult> f = s.append(q.recipientId(), false, body("x"), i);
          synchronized (results) {
            results.add(f);
          }
        }
      });
      threads.add(th);
      th.start();
    }
    for (Thread th : threads) {
      th.join();
    }
    int appended = 0;
    for (CompletableFuture<AppendResult> f : results) {
      if (Await.result(f) instanceof AppendResult.Appended) {
        appended++;
      }
    }
    assertEquals(QUOTA, appended);
    int held = 0;
    StoredMessage last = null;
    while (s.peek(q.recipientId()).isPresent()) {
      last = take(s, q);
      held++;
    }
    assertEquals(QUOTA + 1, held);
    assertTrue(last.quotaMarker());
  }
}

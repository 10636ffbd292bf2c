package io.parley.agent;

import static io.parley.agent.testing.EventRecorder.is;
import static io.parley.agent.testing.EventRecorder.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.agent.event.AgentEvent;
import io.parley.agent.internal.store.StoreFaults.Kind;
import io.parley.agent.internal.store.StoreFaults.Step;
import io.parley.agent.internal.store.StoreFaults;
import io.parley.agent.model.AgentHealth;
import io.parley.agent.model.QueuedMessage;
import io.parley.agent.testing.TestNetwork.Pair;
import io.parley.agent.testing.TestNetwork.TestAgent;
import io.parley.agent.testing.TestNetwork;
import io.parley.testkit.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A receiver whose store fails (full disk, I/O error, read-only file) at each step of storing a
 * message: nothing it did not store is acknowledged, to the relay or by receipt, and it resumes
 * by itself once the store works again, with nothing lost, repeated or falsely skipped.
 */
class StoreFailureTest {
  private static final Duration LONG = Duration.ofSeconds(30);
  /** Messages sent before, during and after the failure. */
  private static final int BEFORE = 3;
  private static final int DURING = 8;
  private static final int AFTER = 3;

  @RegisterExtension
  final TestNetwork net = new TestNetwork();
  TestAgent alice;
  TestAgent bob;
  StoreFaults bobStore;
  Pair p;

  @BeforeEach
  void start() throws Exception {
    bobStore = StoreFaults.install(net.dataDir("bob"));
    alice = net.agent("alice");
    bob = net.agent("bob");
    p = net.connect(alice, bob);
  }

  @AfterEach
  void uninstall() {
    StoreFaults.uninstall(net.dataDir("bob"));
  }

  @Test
  void aFullDiskWhileStoringAMessageLosesNothingAndReceivingResumesByItself() throws Exception {
    failWhileReceiving(Step.UNIT, Kind.DISK_FULL);
  }

  @Test
  void anIoErrorInTheMiddleOfAUnitLosesNothingAndReceivingResumesByItself() throws Exception {
    failWhileReceiving(Step.UNIT, Kind.IO_ERROR);
  }

  @Test
  void anIoErrorAtCommitLosesNothingAndReceivingResumesByItself() throws Exception {
    failWhileReceiving(Step.COMMIT, Kind.IO_ERROR);
  }

  @Test
  void aReadOnlyFileAtBeginLosesNothingAndReceivingResumesByItself() throws Exception {
    failWhileReceiving(Step.BEGIN, Kind.READ_ONLY);
  }

  @Test
  void aFullDiskAtCommitWithUnreadableStoreLosesNothingAndResumesByItself() throws Exception {
    failWhileReceiving(Step.COMMIT, Kind.DISK_FULL, 1, true);
  }

  @Test
  void aNearlyFullDiskThatRefusesEveryOtherUnitLosesNothingAndResumesByItself()
      throws Exception {
    failWhileReceiving(Step.UNIT, Kind.DISK_FULL, 2, false);
  }

  private void failWhileReceiving(Step step, Kind kind) throws Exception {
    failWhileReceiving(step, kind, 1, false);
  }

  /**
   * Sends before, during and after {@code step} fails with {@code kind} (every {@code every}-th
   * time; with {@code unreadable}, reads fail too).
   */
  private void failWhileReceiving(Step step, Kind kind, int every, boolean unreadable)
      throws Exception {
    List<CompletableFuture<QueuedMessage>> sent = send(0, BEFORE);
    await(sent);
    bob.events().awaitCount(is(AgentEvent.MESSAGE_RECEIVED, p.joinerConnection()), BEFORE, LONG);
    alice.events().awaitCount(status(p.inviterConnection(), "delivered"), BEFORE, LONG);

    bobStore.failEvery(step, kind, every);
    if (unreadable) {
      bobStore.fail(Step.READ, Kind.IO_ERROR);
    }
    sent.addAll(send(BEFORE, BEFORE + DURING));
    await(sent);
    long injected = bobStore.injected();
    // Bob tries to store the first of them, and again: the store keeps failing.
    Await.until("bob retried storing while the store fails", LONG,
        () -> bobStore.injected() >= injected + 3);
    if (every == 1) {
      assertNothingAcknowledgedBeyond(BEFORE);
      AgentHealth failing = bob.agent().health();
      assertTrue(!failing.storeWorks() && !failing.ready(), "health while failing: " + failing);
    }

    bobStore.heal();
    sent.addAll(send(BEFORE + DURING, BEFORE + DURING + AFTER));
    await(sent);
    int total = BEFORE + DURING + AFTER;
    assertReceivedOnceInOrder(total);
    alice.events().awaitCount(status(p.inviterConnection(), "delivered"), total, LONG);
    assertEquals(total, alice.events().matching(
        status(p.inviterConnection(), "delivered")).size());
    // Every receipt has come back, so nothing more is on its way: still once each.
    assertEquals(total, bob.events().matching(
        is(AgentEvent.MESSAGE_RECEIVED, p.joinerConnection())).size(), "no repeats");
    assertTrue(bob.agent().health().ready(), "healthy again: " + bob.agent().health());
  }

  @Test
  void whileTheStoreFailsTheReceiversOwnSendsAreRefusedOrDeliveredAndNeverLeaveAGap()
      throws Exception {
    bobStore.fail(Step.COMMIT, Kind.DISK_FULL);
    CompletableFuture<QueuedMessage> incoming =
        alice.agent().sendText(p.inviterConnection(), "in", null);
    incoming.get(TestNetwork.WAIT_SECONDS, TimeUnit.SECONDS);
    long injected = bobStore.injected();
    Await.until("bob failed to store alice's message", LONG,
        () -> bobStore.injected() > injected);
    int refused = 0;
    for (int i = 0; i < 3; i++) {
      try {
        bob.agent().sendText(p.joinerConnection(), "out" + i, null)
            .get(TestNetwork.WAIT_SECONDS, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        refused++;
      }
    }
    assertEquals(3, refused, "sends while bob's store fails are refused");

    bobStore.heal();
    // A 503 is an answer to act on: the caller tries again, as an API client would.
    AtomicBoolean accepted = new AtomicBoolean();
    Await.until("bob's send accepted once the store works", LONG, () -> {
      try {
        bob.agent().sendText(p.joinerConnection(), "after", "after-key")
            .get(TestNetwork.WAIT_SECONDS, TimeUnit.SECONDS);
        accepted.set(true);
      } catch (ExecutionException | TimeoutException e) {
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
      return true;
    });
    AgentEvent got = alice.events().await(is(AgentEvent.MESSAGE_RECEIVED, p.inviterConnection()));
    assertEquals("after", got.data().get("text"));
    assertEquals("ok", ((Map<?, ?>) got.data().get("integrity")).get("kind"),
        "no gap where refused sends were sealed");
    AgentEvent in = bob.events().await(is(AgentEvent.MESSAGE_RECEIVED, p.joinerConnection()));
    assertEquals("in", in.data().get("text"));
  }

  /** Alice holds no message past {@code n} as delivered: bob sent no receipt for it. */
  private void assertNothingAcknowledgedBeyond(int n) {
    int delivered = alice.events().matching(status(p.inviterConnection(), "delivered")).size();
    assertEquals(n, delivered, "messages shown delivered while bob could not store them");
  }

  private List<CompletableFuture<QueuedMessage>> send(int from, int to) {
    List<CompletableFuture<QueuedMessage>> sent = new ArrayList<>();
    for (int i = from; i < to; i++) {
      sent.add(alice.agent().sendText(p.inviterConnection(), "m" + i, null));
    }
    return sent;
  }

  private static void await(List<CompletableFuture<QueuedMessage>> sent) throws Exception {
    CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new))
        .get(TestNetwork.WAIT_SECONDS, TimeUnit.SECONDS);
  }

  /** Exactly {@code n} messages arrived, in sending order, none skipped or repeated. */
  private void assertReceivedOnceInOrder(int n) throws InterruptedException {
    List<AgentEvent> got = bob.events().awaitCount(
        is(AgentEvent.MESSAGE_RECEIVED, p.joinerConnection()), n, LONG);
    for (int i = 0; i < got.size(); i++) {
      assertEquals("m" + i, got.get(i).data().get("text"), "message " + i);
      assertEquals("ok", ((Map<?, ?>) got.get(i).data().get("integrity")).get("kind"),
          "integrity of message " + i);
    }
    assertEquals(n, got.size(), "messages received");
  }
}

package io.parley.agent.internal.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import io.parley.protocol.ErrorCode;
import io.parley.protocol.command.Response;
import io.parley.testkit.Await;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The pacing and retrying of one session's SUBs, against a scripted relay at the class's seam
 * (the relay's answers are what is scripted; the real relay's counting of SUB blocks is in
 * {@link SubscribeAllTest}). Back-off timers run on a real event loop.
 */
class ResubscriptionTest {
  private final Object session = new Object();
  private final EventLoop loop = new DefaultEventLoop();
  private final ExecutorService relayThread = Executors.newSingleThreadExecutor();
  private final Subscriptions subscriptions = new Subscriptions();
  /** The command timeout of the client; answers later than this count as late. */
  private static final long LATE_AFTER_MILLIS = 20_000;
  private final SubCounters counters = new SubCounters();
  /** The clock answers are timed by: real time unless a test moves it. UNIT: nanoseconds. */
  private final AtomicLong clock = new AtomicLong(System.nanoTime());
  private final List<Subscriptions.Entry> lost = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    loop.shutdownGracefully();
    relayThread.shutdownNow();
  }

  /** A relay that answers each SUB with what {@code answer} says, off the caller's thread. */
  private final class ScriptedRelay implements Resubscription.Sender {
    final List<Integer> dispatchSizes = new CopyOnWriteArrayList<>();
    final List<Long> dispatchTimes = new CopyOnWriteArrayList<>();
    final List<OutboundCommand> held = Collections.synchronizedList(new ArrayList<>());
    final Set<Integer> refusedOnce = Collections.synchronizedSet(new HashSet<>());
    volatile ErrorCode refuseFirstWith;
    volatile Set<Integer> refuse = Set.of();
    volatile boolean hold;

    @Override
    public void send(Object s, List<OutboundCommand> subs) {
      dispatchSizes.add(subs.size());
      dispatchTimes.add(System.nanoTime());
      if (hold) {
        held.addAll(subs);
        return;
      }
      relayThread.execute(() -> subs.forEach(this::answer));
    }

    void answer(OutboundCommand c) {
      int q = ByteBuffer.wrap(c.entityId()).getInt();
      if (refuse.contains(q) && refusedOnce.add(q)) {
        c.result().completeExceptionally(new RelayErrorException(refuseFirstWith));
      } else {
        c.result().complete(new Response.Ok());
      }
    }

    @Override
    public OutboundCommand sub(Subscriptions.Entry e, CompletableFuture<Response> answer) {
      return new OutboundCommand(e.recipientId().bytes(), new io.parley.protocol.command.Command.Sub(),
          e.authKey(), 0, answer);
    }
  }

  private Resubscription resubscription(ScriptedRelay relay, long backoffMillis) {
    return new Resubscription(session, () -> session, relay, loop,
        new Backoff(backoffMillis, backoffMillis * 8, new Random(1)), counters,
        LATE_AFTER_MILLIS, clock::get, (e, err) -> lost.add(e));
  }

  private List<Subscriptions.Entry> queues(int n) {
    List<Subscriptions.Entry> all = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      all.add(subscriptions.remember(ByteBuffer.allocate(24).putInt(i).array(), new byte[32]));
    }
    return all;
  }

  private long subscribed(List<Subscriptions.Entry> entries) {
    return entries.stream().filter(e -> e.isSubscribedOn(session)).count();
  }

  @Test
  void subsThatFailTransientlyAreRetriedTogetherInOneWaveAfterOneBackOffOfTheRelay() {
    List<Subscriptions.Entry> entries = queues(300);
    ScriptedRelay relay = new ScriptedRelay();
    relay.refuseFirstWith = ErrorCode.QUOTA;
    Set<Integer> everyThird = new HashSet<>();
    for (int i = 0; i < 300; i += 3) {
      everyThird.add(i);
    }
    relay.refuse = everyThird;

    resubscription(relay, 200).start(entries);
    Await.until("every queue subscribed", () -> subscribed(entries) == 300);

    assertEquals(100, counters.resent(), "each refused SUB is sent once more, no more");
    assertTrue(lost.isEmpty(), "a QUOTA refusal may clear, so no queue is given up");
    int sent = relay.dispatchSizes.stream().mapToInt(Integer::intValue).sum();
    assertEquals(400, sent, "300 SUBs, then the 100 refused ones once more");
    assertEquals(100, relay.dispatchSizes.get(relay.dispatchSizes.size() - 1),
        "the retries go out together, not one timer per queue");
    long waitedNanos = relay.dispatchTimes.get(relay.dispatchTimes.size() - 1)
        - relay.dispatchTimes.get(0);
    assertTrue(waitedNanos >= 100_000_000L, "the retry waited for the relay's back-off: "
        + waitedNanos / 1_000_000 + " ms");
  }

  @Test
  void aSubTheRelayRefusesForGoodIsReportedLostAndNotRetried() {
    List<Subscriptions.Entry> entries = queues(10);
    ScriptedRelay relay = new ScriptedRelay();
    relay.refuseFirstWith = ErrorCode.AUTH;
    relay.refuse = Set.of(4);

    resubscription(relay, 50).start(entries);
    Await.until("the others subscribed", () -> subscribed(entries) == 9);
    Await.until("the refused queue reported lost", () -> lost.size() == 1);

    assertEquals(entries.get(4), lost.get(0));
    assertEquals(0, counters.resent());
  }

  @Test
  void theWindowStartsModestAndGrowsByOneForEachPromptAnswerReleasingSubsInBatches() {
    int n = Resubscription.INITIAL_WINDOW_SUBS * 4;
    List<Subscriptions.Entry> entries = queues(n);
    ScriptedRelay relay = new ScriptedRelay();
    relay.hold = true;

    Resubscription r = resubscription(relay, 50);
    r.start(entries);

    assertEquals(Resubscription.INITIAL_WINDOW_SUBS, relay.held.size());
    assertTrue(relay.dispatchSizes.stream()
        .allMatch(s -> s <= Resubscription.MAX_SUBS_PER_DISPATCH), "" + relay.dispatchSizes);
    answer(relay, 0, 100);
    // Each prompt answer frees its own slot and widens the window by one; SUBs go out once a
    // quarter of the window is free, so several share each hand-off.
    int window = Resubscription.INITIAL_WINDOW_SUBS + 100;
    assertEquals(window, r.window());
    int inFlight = relay.held.size() - 100;
    assertTrue(inFlight <= window && inFlight > window - window
        / Resubscription.DISPATCH_WINDOW_FRACTION, inFlight + " in flight");
    assertTrue(relay.dispatchSizes.subList(1, relay.dispatchSizes.size()).stream()
        .allMatch(s -> s >= Resubscription.INITIAL_WINDOW_SUBS
            / Resubscription.DISPATCH_WINDOW_FRACTION), "" + relay.dispatchSizes);
    relay.hold = false;
    answer(relay, 100, relay.held.size());
    Await.until("every queue subscribed", () -> subscribed(entries) == n);
    assertEquals(n, counters.sent(), "one SUB per queue");
    assertEquals(0, counters.resent());
  }

  @Test
  void slowAnswersHalveTheWindowOncePerWindowAndAreCountedLateButNeverSentAgain() {
    int n = Resubscription.INITIAL_WINDOW_SUBS * 4;
    List<Subscriptions.Entry> entries = queues(n);
    ScriptedRelay relay = new ScriptedRelay();
    relay.hold = true;
    Resubscription r = resubscription(relay, 50);
    r.start(entries);
    int firstWindow = relay.held.size();

    // The relay answers the whole first window only after the command timeout.
    clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(LATE_AFTER_MILLIS + 1));
    answer(relay, 0, firstWindow);

    assertEquals(Resubscription.INITIAL_WINDOW_SUBS / 2, r.window(),
        "one halving for a window of slow answers, not one per answer");
    assertEquals(firstWindow, counters.late());
    assertEquals(firstWindow, subscribed(entries), "a late answer subscribes its queue");
    relay.hold = false;
    answer(relay, firstWindow, relay.held.size());
    Await.until("every queue subscribed", () -> subscribed(entries) == n);
    assertEquals(n, counters.sent(), "no queue got a second SUB for being slow");
    assertEquals(0, counters.resent());
  }

  @Test
  void theWindowNeitherShrinksBelowItsFloorNorGrowsPastItsCeiling() {
    int n = Resubscription.MAX_WINDOW_SUBS * 3;
    List<Subscriptions.Entry> entries = queues(n);
    ScriptedRelay relay = new ScriptedRelay();
    relay.hold = true;
    Resubscription r = resubscription(relay, 50);
    r.start(entries);
    int answered = 0;
    for (int round = 0; round < 8; round++) {
      // Every SUB under way is answered slowly; the SUBs that this lets go are the next round.
      clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(Resubscription.PROMPT_ANSWER_MILLIS + 1));
      int upTo = relay.held.size();
      answer(relay, answered, upTo);
      answered = upTo;
    }
    assertEquals(Resubscription.MIN_WINDOW_SUBS, r.window());

    relay.hold = false;
    answer(relay, answered, relay.held.size());
    Await.until("every queue subscribed", () -> subscribed(entries) == n);
    assertEquals(Resubscription.MAX_WINDOW_SUBS, r.peakWindow(),
        "thousands of prompt answers grow the window up to its ceiling and no further");
    assertEquals(n, counters.sent());
  }

  /** Answers OK the held SUBs from index {@code from} (inclusive) to {@code to} (exclusive). */
  private static void answer(ScriptedRelay relay, int from, int to) {
    List<OutboundCommand> some;
    synchronized (relay.held) {
      some = new ArrayList<>(relay.held.subList(from, to));
    }
    some.forEach(c -> c.result().complete(new Response.Ok()));
  }
}

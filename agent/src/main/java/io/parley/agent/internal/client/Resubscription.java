package io.parley.agent.internal.client;

import io.netty.channel.EventLoop;
import io.parley.protocol.command.Response;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * One session's re-subscription of the queues a relay client remembers. SUBs go out in batches
 * that share blocks, with a window of SUBs awaiting answers that adapts to the relay: it starts
 * at {@link #INITIAL_WINDOW_SUBS}, grows by one for each SUB answered within
 * {@link #PROMPT_ANSWER_MILLIS} (so it doubles per round trip while the relay keeps up), and
 * halves, at most once per window's worth of SUBs, when one is answered later than that. Each
 * SUB costs the relay an X25519 agreement, so a relay's answer time is its SUB queue: the
 * window keeps that queue about {@link #PROMPT_ANSWER_MILLIS} long, which keeps the relay busy
 * without making PINGs and other commands wait behind thousands of SUBs.
 *
 * <p>A SUB here has no command timeout: while the session lives its answer will come (any
 * block from the relay, a SUB's answer included, counts as a sign of life, and a relay that
 * answers nothing for a few ping intervals ends the session, which fails every SUB at once).
 * A timeout could only turn a slow answer into a second SUB the relay must authorize again,
 * which is the retry storm a loaded relay cannot get out of. A SUB answered after the command
 * timeout is counted as late; the queue is subscribed all the same.
 *
 * <p>A SUB refused for a reason that may clear ({@code ERR INTERNAL} or {@code QUOTA}) waits
 * with every other such SUB for one back-off of the whole relay, then goes out again in the next
 * batches: a relay that sheds load sees one retry wave per back-off step, never one timer per
 * queue. Thread-safe.
 */
final class Resubscription {
  /** Window at the start of a session's re-subscription: a few blocks. UNIT: commands. */
  static final int INITIAL_WINDOW_SUBS = 512;
  /** The window never shrinks below this, so a slow relay still gets work. UNIT: commands. */
  static final int MIN_WINDOW_SUBS = 32;
  /**
   * The window never grows past this: the relay stops reading a session with 1,024 answers
   * pending, so more in flight would only wait in socket buffers. UNIT: commands.
   */
  static final int MAX_WINDOW_SUBS = 2_048;
  /** An answer within this lets the window grow; a slower one shrinks it. UNIT: milliseconds. */
  static final long PROMPT_ANSWER_MILLIS = 1_000;
  /** SUBs handed to the connection at once, so each hand-off fills a few blocks. UNIT: commands. */
  static final int MAX_SUBS_PER_DISPATCH = 512;
  /**
   * While SUBs are under way, more go out only once this fraction of the window is free, so
   * answers that trickle in release SUBs that still share blocks, not one or two at a time.
   */
  static final int DISPATCH_WINDOW_FRACTION = 4;

  /** Sends SUBs for the given entries and answer futures on one session. */
  interface Sender {
    void send(Object session, List<OutboundCommand> subs);

    /** A SUB for {@code e} that completes {@code answer}; it must have no timeout. */
    OutboundCommand sub(Subscriptions.Entry e, CompletableFuture<Response> answer);
  }

  private static final class Claimed {
    final Subscriptions.Entry entry;
    final CompletableFuture<Response> answer;
    long sentAtNanos;
    long seq;

    Claimed(Subscriptions.Entry entry, CompletableFuture<Response> answer) {
      this.entry = entry;
      this.answer = answer;
    }
  }

  private final Object session;
  private final Supplier<Object> currentSession;
  private final Sender sender;
  private final EventLoop timers;
  private final Backoff backoff;
  private final SubCounters counters;
  private final long lateAfterNanos;
  private final LongSupplier nanoTime;
  private final BiConsumer<Subscriptions.Entry, RelayErrorException> onLost;
  private final ArrayDeque<Claimed> queued = new ArrayDeque<>();
  private final List<Subscriptions.Entry> failed = new ArrayList<>();
  private int inFlight;
  private int window = INITIAL_WINDOW_SUBS;
  private int peakWindow = INITIAL_WINDOW_SUBS;
  /** Sequence number of the last SUB sent. */
  private long sentSeq;
  /** SUBs sent up to this one were under way at the last shrink: they do not shrink it again. */
  private long shrunkAtSeq = -1;
  private boolean retryScheduled;

  /**
   * @param counters where SUBs sent, sent again and answered late are counted
   * @param lateAfterMillis an answer later than this counts as late (the command timeout other
   *     commands have). UNIT: milliseconds
   * @param nanoTime the monotonic clock answers are timed by
   * @param onLost called for a queue the relay refused for good
   */
  Resubscription(Object session, Supplier<Object> currentSession, Sender sender,
      EventLoop timers, Backoff backoff, SubCounters counters, long lateAfterMillis,
      LongSupplier nanoTime, BiConsumer<Subscriptions.Entry, RelayErrorException> onLost) {
    this.session = session;
    this.currentSession = currentSession;
    this.sender = sender;
    this.timers = timers;
    this.backoff = backoff;
    this.counters = counters;
    this.lateAfterNanos = TimeUnit.MILLISECONDS.toNanos(lateAfterMillis);
    this.nanoTime = nanoTime;
    this.onLost = onLost;
  }

  /** Claims every entry without a SUB on this session yet and starts sending. */
  void start(Collection<Subscriptions.Entry> entries) {
    synchronized (this) {
      for (Subscriptions.Entry e : entries) {
        CompletableFuture<Response> fresh = new CompletableFuture<>();
        if (e.claim(session, fresh, false) == fresh) {
          queued.add(new Claimed(e, fresh));
        }
      }
    }
    pump();
  }

  /** SUBs that may await answers at once now. UNIT: commands. */
  synchronized int window() {
    return window;
  }

  /** The largest the window has been. UNIT: commands. */
  synchronized int peakWindow() {
    return peakWindow;
  }

  private void pump() {
    while (true) {
      List<OutboundCommand> batch = new ArrayList<>();
      synchronized (this) {
        if (currentSession.get() != session) {
          // The session ended: its claims are void and the next session re-subscribes all.
          queued.forEach(c -> c.answer.completeExceptionally(
              new RelayUnavailableException("relay session ended")));
          queued.clear();
          failed.clear();
          return;
        }
        int free = window - inFlight;
        if (inFlight > 0 && free < Math.min(queued.size(), window / DISPATCH_WINDOW_FRACTION)) {
          return;
        }
        long now = nanoTime.getAsLong();
        while (inFlight < window && batch.size() < MAX_SUBS_PER_DISPATCH && !queued.isEmpty()) {
          Claimed c = queued.poll();
          inFlight++;
          c.sentAtNanos = now;
          c.seq = ++sentSeq;
          c.answer.whenComplete((r, x) -> answered(c, x));
          batch.add(sender.sub(c.entry, c.answer));
        }
      }
      if (batch.isEmpty()) {
        return;
      }
      counters.countSent(batch.size());
      sender.send(session, batch);
    }
  }

  private void answered(Claimed c, Throwable x) {
    synchronized (this) {
      inFlight--;
      if (x == null || x instanceof RelayErrorException) {
        adapt(c, nanoTime.getAsLong() - c.sentAtNanos);
      }
      if (mayClear(x)) {
        failed.add(c.entry);
        if (!retryScheduled) {
          retryScheduled = true;
          timers.schedule(this::retry, backoff.nextDelayMillis(), TimeUnit.MILLISECONDS);
        }
      }
    }
    if (x instanceof RelayErrorException err && !err.retryable()) {
      onLost.accept(c.entry, err);
    }
    pump();
  }

  /** Grows the window on a prompt answer, halves it on a slow one; under the monitor. */
  private void adapt(Claimed c, long tookNanos) {
    if (tookNanos > lateAfterNanos) {
      counters.countLate();
    }
    if (tookNanos <= TimeUnit.MILLISECONDS.toNanos(PROMPT_ANSWER_MILLIS)) {
      window = Math.min(MAX_WINDOW_SUBS, window + 1);
      peakWindow = Math.max(peakWindow, window);
    } else if (c.seq > shrunkAtSeq) {
      window = Math.max(MIN_WINDOW_SUBS, window / 2);
      shrunkAtSeq = sentSeq;
    }
  }

  private static boolean mayClear(Throwable x) {
    return x instanceof RelayTimeoutException
        || x instanceof RelayErrorException err && err.retryable();
  }

  private void retry() {
    synchronized (this) {
      retryScheduled = false;
      for (Subscriptions.Entry e : failed) {
        CompletableFuture<Response> fresh = new CompletableFuture<>();
        // Another caller may have sent this queue a SUB meanwhile; then that one stands.
        if (e.claim(session, fresh, true) == fresh) {
          queued.add(new Claimed(e, fresh));
          counters.countResent();
        }
      }
      failed.clear();
    }
    pump();
  }
}

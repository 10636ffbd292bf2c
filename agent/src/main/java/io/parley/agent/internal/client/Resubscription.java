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
import java.util.function.Supplier;

/**
 * One session's re-subscription of the queues a relay client remembers. SUBs go out in batches
 * that share blocks, with at most {@link #MAX_SUBS_IN_FLIGHT} awaiting answers, so a daemon with
 * 100,000 queues neither floods the relay (which stops reading past its pending-response bound)
 * nor holds 100,000 timeouts at once. A SUB that fails for a reason that may clear (no answer in
 * time, {@code ERR INTERNAL} or {@code QUOTA}) waits with every other such SUB for one back-off
 * of the whole relay, then goes out again in the next batches: a relay that sheds load sees one
 * retry wave per back-off step, never one timer per queue. Thread-safe.
 */
final class Resubscription {
  /** SUBs sent and not yet answered, at most. UNIT: commands. */
  static final int MAX_SUBS_IN_FLIGHT = 2_048;
  /** SUBs handed to the connection at once, so each hand-off fills a few blocks. UNIT: commands. */
  static final int MAX_SUBS_PER_DISPATCH = 512;

  /** Sends SUBs for the given entries and answer futures on one session. */
  interface Sender {
    void send(Object session, List<OutboundCommand> subs);

    OutboundCommand sub(Subscriptions.Entry e, CompletableFuture<Response> answer);
  }

  private record Claimed(Subscriptions.Entry entry, CompletableFuture<Response> answer) {}

  private final Object session;
  private final Supplier<Object> currentSession;
  private final Sender sender;
  private final EventLoop timers;
  private final Backoff backoff;
  private final Runnable onRetry;
  private final BiConsumer<Subscriptions.Entry, RelayErrorException> onLost;
  private final ArrayDeque<Claimed> queued = new ArrayDeque<>();
  private final List<Subscriptions.Entry> failed = new ArrayList<>();
  private int inFlight;
  private boolean retryScheduled;

  /**
   * @param onRetry called once per SUB that is sent again
   * @param onLost called for a queue the relay refused for good
   */
  Resubscription(Object session, Supplier<Object> currentSession, Sender sender,
      EventLoop timers, Backoff backoff, Runnable onRetry,
      BiConsumer<Subscriptions.Entry, RelayErrorException> onLost) {
    this.session = session;
    this.currentSession = currentSession;
    this.sender = sender;
    this.timers = timers;
    this.backoff = backoff;
    this.onRetry = onRetry;
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
        while (inFlight < MAX_SUBS_IN_FLIGHT && batch.size() < MAX_SUBS_PER_DISPATCH
            && !queued.isEmpty()) {
          Claimed c = queued.poll();
          inFlight++;
          c.answer.whenComplete((r, x) -> answered(c.entry, x));
          batch.add(sender.sub(c.entry, c.answer));
        }
      }
      if (batch.isEmpty()) {
        return;
      }
      sender.send(session, batch);
    }
  }

  private void answered(Subscriptions.Entry e, Throwable x) {
    synchronized (this) {
      inFlight--;
      if (mayClear(x)) {
        failed.add(e);
        if (!retryScheduled) {
          retryScheduled = true;
          timers.schedule(this::retry, backoff.nextDelayMillis(), TimeUnit.MILLISECONDS);
        }
      }
    }
    if (x instanceof RelayErrorException err && !err.retryable()) {
      onLost.accept(e, err);
    }
    pump();
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
          onRetry.run();
        }
      }
      failed.clear();
    }
    pump();
  }
}

package io.parley.daemon.api.events;

import io.parley.daemon.api.http.ApiException;
import io.parley.daemon.api.http.Call;
import io.parley.daemon.api.http.Endpoint;
import io.parley.daemon.api.http.Reply;
import io.undertow.server.HttpServerExchange;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code GET /v1/events?after=&consumer=&types=&limit=&wait=}: a page of events
 * {@code {"events": [...], "next": seq}}. Reading consumes nothing. When nothing is there and
 * {@code wait} is above 0, the answer waits (without holding a thread) until an event arrives
 * or the wait ends. Pass {@code next} as the following {@code after}.
 *
 * <p>A client that hangs up while waiting is not an error. Undertow reads nothing from a
 * connection while its request is being answered, so the hang-up shows only when the answer is
 * written (that write fails quietly) or when the connection is closed under the exchange (on
 * shutdown): the wait is then dropped with a debug line and nothing is sent. Until then the
 * wait keeps its slot, for at most {@code maxWaitSeconds}. Thread-safe.
 */
public final class LongPoll implements Endpoint {
  private static final System.Logger LOG = System.getLogger(LongPoll.class.getName());
  /** Events per page when {@code limit} is not given. */
  public static final int DEFAULT_LIMIT = 100;
  /** Largest {@code limit}. */
  public static final int MAX_LIMIT = 1_000;

  private final EventReader reader;
  private final EventHub hub;
  private final Cursors cursors;
  private final StreamLimiter limiter;
  private final ScheduledExecutorService executor;
  private final int maxWaitSeconds;

  /** @param maxWaitSeconds largest {@code wait}. UNIT: seconds */
  public LongPoll(EventHub hub, Cursors cursors, StreamLimiter limiter,
      ScheduledExecutorService executor, int maxWaitSeconds) {
    this.reader = new EventReader(hub);
    this.hub = hub;
    this.cursors = cursors;
    this.limiter = limiter;
    this.executor = executor;
    this.maxWaitSeconds = maxWaitSeconds;
  }

  @Override
  public CompletionStage<Reply> handle(Call call) throws Exception {
    String profile = call.principal().profileId();
    EventFilter filter = EventFilter.parse(call.query("types")).forProfile(profile);
    int limit = (int) call.queryLong("limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
    int wait = (int) call.queryLong("wait", 0, 0, maxWaitSeconds);
    long cursor = cursors.resolve(call.query("after"), call.query("consumer"), profile);
    EventReader.Page page = reader.read(cursor, limit, filter);
    if (!page.events().isEmpty() || wait == 0) {
      return CompletableFuture.completedFuture(reply(page));
    }
    limiter.acquire(profile);
    Waiter w = new Waiter(page.next(), limit, filter, profile);
    if (!watch(call.exchange(), w)) {
      limiter.release(profile);
      LOG.log(Level.DEBUG, "long-poll dropped: its exchange ended before the wait began");
      // Nothing can be sent on an ended exchange; the empty page is only there to complete.
      return CompletableFuture.completedFuture(reply(page));
    }
    w.start(wait);
    return w.result;
  }

  /**
   * Ends {@code w} quietly when the exchange ends first; false if it has ended already (the
   * connection was closed between the request and this call).
   */
  private static boolean watch(HttpServerExchange exchange, Waiter w) {
    try {
      exchange.addExchangeCompleteListener((ex, next) -> {
        w.abandon();
        next.proceed();
      });
      return true;
    } catch (IllegalStateException alreadyComplete) {
      return false;
    }
  }

  private static Reply reply(EventReader.Page page) {
    return Reply.rawJson(200, EventJson.page(page.events(), page.next()));
  }

  /** One waiting request: answers on the first wanted event or at the deadline. */
  private final class Waiter implements EventHub.Subscriber {
    final CompletableFuture<Reply> result = new CompletableFuture<>();
    private final AtomicBoolean checking = new AtomicBoolean();
    private final AtomicBoolean done = new AtomicBoolean();
    private final int limit;
    private final EventFilter filter;
    /** Whose stream slot the wait holds. */
    private final String profile;
    private volatile long cursor;
    private ScheduledFuture<?> timer;

    Waiter(long cursor, int limit, EventFilter filter, String profile) {
      this.cursor = cursor;
      this.limit = limit;
      this.filter = filter;
      this.profile = profile;
    }

    void start(int waitSeconds) throws ApiException {
      hub.subscribe(this);
      try {
        synchronized (this) {
          timer = executor.schedule(() -> finish(new EventReader.Page(List.of(), cursor)),
              waitSeconds, TimeUnit.SECONDS);
        }
      } catch (RejectedExecutionException e) {
        // The API is closing: its event threads are gone.
        if (done.compareAndSet(false, true)) {
          cleanUp();
        } else {
          detach();
        }
        throw new ApiException(503, ApiException.SHUTTING_DOWN, "the API is shutting down");
      }
      if (done.get()) {
        // Ended while starting: its clean-up may have run before the subscription or timer.
        detach();
        return;
      }
      // An event committed between the first read and the subscription woke nobody.
      wake();
    }

    @Override
    public void wake() {
      if (done.get() || !checking.compareAndSet(false, true)) {
        return;
      }
      try {
        executor.execute(this::check);
      } catch (RejectedExecutionException e) {
        checking.set(false);
      }
    }

    private void check() {
      try {
        EventReader.Page page = reader.read(cursor, limit, filter);
        cursor = page.next();
        if (!page.events().isEmpty()) {
          finish(page);
        }
      } catch (RuntimeException e) {
        if (done.compareAndSet(false, true)) {
          cleanUp();
          result.completeExceptionally(e);
        }
      } finally {
        checking.set(false);
      }
      if (!done.get() && hub.latestSeq() > cursor) {
        wake();
      }
    }

    /** Answers with {@code page}, unless the wait already ended. */
    void finish(EventReader.Page page) {
      if (done.compareAndSet(false, true)) {
        cleanUp();
        result.complete(reply(page));
      }
    }

    /**
     * The exchange ended (the connection closed under it, or the answer was sent): releases the
     * subscription, the timer and the slot. {@link #result} never completes, so nothing is
     * sent on the ended exchange and no failure is reported for it.
     */
    void abandon() {
      if (done.compareAndSet(false, true)) {
        cleanUp();
        LOG.log(Level.DEBUG, "long-poll dropped: its connection closed while it waited");
      }
    }

    /** Releases everything the wait holds; exactly once, by whoever set {@link #done}. */
    private void cleanUp() {
      detach();
      limiter.release(profile);
    }

    /** Stops the wake-ups and the timer; harmless to repeat. */
    private void detach() {
      hub.unsubscribe(this);
      synchronized (this) {
        if (timer != null) {
          timer.cancel(false);
        }
      }
    }
  }
}

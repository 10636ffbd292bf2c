package io.parley.sdk.internal;

import com.fasterxml.jackson.databind.JavaType;
import io.parley.sdk.error.CursorExpiredException;
import io.parley.sdk.error.ParleyException;
import io.parley.sdk.events.EventHandler;
import io.parley.sdk.events.Subscription;
import io.parley.sdk.events.SubscriptionListener;
import io.parley.sdk.events.SubscriptionOptions;
import io.parley.sdk.events.Transport;
import io.parley.sdk.internal.HttpApi.Body;
import io.parley.sdk.model.Consumer;
import io.parley.sdk.model.DaemonInfo;
import io.parley.sdk.model.Event;
import io.parley.sdk.model.EventPage;
import io.parley.sdk.model.EventQuery;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The thread behind a {@link Subscription}: resolves the start cursor once, then reads events
 * after the last one handled, over a WebSocket or long-polls, forever reconnecting with backoff
 * on failures that may pass. Events at or below the last handled seq are dropped, so a
 * reconnect never hands an event over twice. With a named consumer, each handled event is
 * acknowledged over REST before the next is handed over (an acknowledgement that fails is
 * retried with the next one). Thread-safe. Not part of the SDK's API.
 */
public final class SubscriptionLoop implements Subscription {
  private static final System.Logger LOG = System.getLogger(SubscriptionLoop.class.getName());
  private static final AtomicInteger THREADS = new AtomicInteger();
  private static final JavaType PAGE = Json.MAPPER.constructType(EventPage.class);

  private final HttpApi http;
  private final SubscriptionOptions options;
  private final EventHandler handler;
  private final SubscriptionListener listener;
  private final Backoff backoff;
  private final Thread thread;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final Object sleeper = new Object();

  private volatile boolean closing;
  private volatile Transport transport;
  private volatile ParleyException failure;
  private volatile long lastSeq;
  private volatile WebSocketReader socket;
  private volatile CompletableFuture<EventPage> poll;
  /** Where reading resumes: the last handled seq, or past events a type filter skipped. */
  private long cursor;
  private boolean started;
  private long ackedSeq;
  private boolean pollConnected;

  private SubscriptionLoop(HttpApi http, SubscriptionOptions options, EventHandler handler) {
    this.http = http;
    this.options = options;
    this.handler = handler;
    this.listener = options.listener();
    this.backoff = new Backoff(options.minBackoff().toMillis(), options.maxBackoff().toMillis());
    this.transport = options.transport() == Transport.LONG_POLL ? Transport.LONG_POLL
        : Transport.WEBSOCKET;
    this.thread = new Thread(this::run, "parley-events-" + THREADS.incrementAndGet());
    // Like a server's threads, a subscription keeps the JVM alive until it is closed.
    this.thread.setDaemon(false);
  }

  /** Starts a subscription on a new thread. */
  public static Subscription start(HttpApi http, SubscriptionOptions options,
      EventHandler handler) {
    SubscriptionLoop loop = new SubscriptionLoop(http, options, handler);
    loop.thread.start();
    return loop;
  }

  private void run() {
    try {
      while (!closing) {
        try {
          if (!started) {
            resolveStart();
          }
          if (transport == Transport.LONG_POLL) {
            pollOnce();
          } else {
            readSocket();
          }
        } catch (RuntimeException e) {
          if (closing) {
            break;
          }
          if (e instanceof ParleyException p && !isTransient(p)) {
            failure = p;
            LOG.log(Level.ERROR, "event subscription stopped: " + p.getMessage());
            break;
          }
          pollConnected = false;
          ParleyException cause = asParley(e);
          long delay = backoff.next();
          LOG.log(Level.DEBUG, "event subscription interrupted (" + cause.getMessage()
              + "); retrying in " + delay + " ms");
          listener.onDisconnected(cause, delay);
          pause(delay);
        }
      }
      flushAck();
    } finally {
      WebSocketReader s = socket;
      if (s != null) {
        s.abort();
      }
      stopped.countDown();
      listener.onStopped(failure);
    }
  }

  /** Works out the first cursor: the consumer's stored one, or the configured start. */
  private void resolveStart() {
    String consumer = options.consumer();
    if (consumer != null) {
      Optional<Consumer> stored = consumer(consumer);
      if (stored.isPresent()) {
        begin(stored.get().cursor());
        return;
      }
    }
    long from = switch (options.start()) {
      case LATEST -> http.call("GET", "/v1/info", Body.NONE, DaemonInfo.class).events()
          .latestSeq();
      case OLDEST -> 0;
      case AFTER -> options.afterSeq().orElse(0);
    };
    if (consumer != null) {
      http.call("POST", "/v1/consumers/" + ApiPaths.segment(consumer) + "/ack",
          Body.json(Map.of("seq", from)), Consumer.class);
    }
    begin(from);
  }

  private Optional<Consumer> consumer(String name) {
    try {
      return Optional.of(http.call("GET", "/v1/consumers/" + ApiPaths.segment(name), Body.NONE,
          Consumer.class));
    } catch (io.parley.sdk.error.NotFoundException e) {
      return Optional.empty();
    }
  }

  private void begin(long from) {
    cursor = from;
    lastSeq = from;
    ackedSeq = from;
    started = true;
  }

  private void readSocket() {
    WebSocketReader reader;
    try {
      reader = WebSocketReader.open(http, "/v1/events/ws" + ApiPaths.events(query()));
    } catch (WebSocketReader.UpgradeRefusedException e) {
      ParleyException refused = Errors.fromResponse(e.status(), null, Optional.empty());
      if (options.transport() == Transport.AUTO && e.status() != 401 && e.status() != 403) {
        LOG.log(Level.INFO, "the daemon refused the WebSocket upgrade (HTTP " + e.status()
            + "); reading events by long-poll from now on");
        transport = Transport.LONG_POLL;
        listener.onFallbackToLongPoll(refused);
        return;
      }
      throw refused;
    }
    socket = reader;
    if (closing) {
      reader.abort();
      return;
    }
    backoff.reset();
    listener.onConnected(Transport.WEBSOCKET, cursor);
    flushAck();
    while (!closing) {
      WebSocketReader.Item item;
      try {
        item = reader.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        closing = true;
        break;
      }
      if (item instanceof WebSocketReader.EndItem end) {
        throw end.cause();
      }
      deliver(((WebSocketReader.EventItem) item).event());
      reader.request();
    }
    reader.abort();
  }

  private void pollOnce() {
    int waitSeconds = (int) options.longPollWait().toSeconds();
    CompletableFuture<EventPage> f = http.callAsync("GET", "/v1/events"
        + ApiPaths.events(query().withWait(waitSeconds)), Duration.ofSeconds(waitSeconds), PAGE);
    poll = f;
    if (closing) {
      f.cancel(true);
    }
    EventPage page;
    try {
      page = f.join();
    } catch (CancellationException e) {
      return;
    } catch (CompletionException e) {
      if (e.getCause() instanceof ParleyException p) {
        throw p;
      }
      if (e.getCause() instanceof CancellationException) {
        return;
      }
      throw e;
    } finally {
      poll = null;
    }
    if (!pollConnected) {
      pollConnected = true;
      backoff.reset();
      listener.onConnected(Transport.LONG_POLL, cursor);
      flushAck();
    }
    for (Event e : page.events()) {
      if (closing) {
        return;
      }
      deliver(e);
    }
    if (!closing) {
      cursor = Math.max(cursor, page.next());
    }
  }

  private EventQuery query() {
    return EventQuery.after(cursor).withTypes(options.types());
  }

  /** Hands one event to the handler unless it was handed over already. */
  private void deliver(Event event) {
    if (event.seq() <= lastSeq || closing) {
      return;
    }
    try {
      handler.handle(event);
    } catch (ParleyException e) {
      if (e.isRetryable()) {
        // Not handled: the loop backs off and reads this event again.
        throw e;
      }
      handlerFailed(event, e);
    } catch (Exception e) {
      handlerFailed(event, e);
    }
    lastSeq = event.seq();
    cursor = Math.max(cursor, event.seq());
    flushAck();
  }

  private void handlerFailed(Event event, Exception e) {
    LOG.log(Level.WARNING, "the event handler failed on event " + event.seq() + " ("
        + event.type() + "): " + e.getClass().getName());
    listener.onHandlerError(event, e);
  }

  /** Acknowledges the last handled event for the named consumer; a failure waits for later. */
  private void flushAck() {
    String consumer = options.consumer();
    long seq = lastSeq;
    if (consumer == null || seq <= ackedSeq) {
      return;
    }
    try {
      http.call("POST", "/v1/consumers/" + ApiPaths.segment(consumer) + "/ack",
          Body.json(Map.of("seq", seq)), Consumer.class);
      ackedSeq = seq;
    } catch (ParleyException e) {
      LOG.log(Level.DEBUG, "acknowledgement of event " + seq + " postponed: " + e.getMessage());
    }
  }

  /** A failure as the listener sees it; anything but a ParleyException is a bug, logged. */
  private static ParleyException asParley(RuntimeException e) {
    if (e instanceof ParleyException p) {
      return p;
    }
    LOG.log(Level.ERROR, "unexpected failure reading events; retrying", e);
    return new ParleyException(ParleyException.NO_STATUS, "internal",
        "unexpected failure reading events: " + e.getClass().getName(), e);
  }

  /** Failures worth retrying: no answer, 429, 5xx, or an answer that could not be read. */
  private static boolean isTransient(ParleyException e) {
    if (e instanceof CursorExpiredException) {
      return false;
    }
    return e.isRetryable() || e.status() >= 500
        || ParleyException.BAD_RESPONSE.equals(e.code());
  }

  private void pause(long millis) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    synchronized (sleeper) {
      long left;
      while (!closing && (left = deadline - System.nanoTime()) > 0) {
        try {
          TimeUnit.NANOSECONDS.timedWait(sleeper, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          closing = true;
        }
      }
    }
  }

  @Override
  public long lastSeq() {
    return lastSeq;
  }

  @Override
  public boolean isRunning() {
    return stopped.getCount() > 0 && !closing;
  }

  @Override
  public Transport transport() {
    return transport;
  }

  @Override
  public Optional<ParleyException> failure() {
    return Optional.ofNullable(failure);
  }

  @Override
  public boolean awaitStopped(Duration timeout) throws InterruptedException {
    return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    closing = true;
    synchronized (sleeper) {
      sleeper.notifyAll();
    }
    WebSocketReader s = socket;
    if (s != null) {
      s.abort();
    }
    CompletableFuture<EventPage> p = poll;
    if (p != null) {
      p.cancel(true);
    }
    if (Thread.currentThread() == thread) {
      return;
    }
    try {
      if (!stopped.await(options.closeTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.log(Level.WARNING, "the event handler did not return within "
            + options.closeTimeout().toMillis() + " ms of close()");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "Subscription[transport=" + transport + ", lastSeq=" + lastSeq + ", running="
        + isRunning() + "]";
  }
}

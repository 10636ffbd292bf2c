package io.parley.daemon.api.webhooks;

import io.parley.daemon.api.events.EventFilter;
import io.parley.daemon.api.events.EventHub;
import io.parley.daemon.api.events.EventReader;
import io.parley.daemon.api.events.HubEvent;
import io.parley.agent.store.StoreException;
import io.parley.daemon.store.api.ApiStore;
import io.parley.daemon.store.api.WebhookRow;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Delivers one webhook's events: the next wanted event after the stored cursor is POSTed; a 2xx
 * moves the cursor past it (stored before the next POST), anything else is recorded and
 * retried after a growing delay. One request at a time, so the receiver sees events in order.
 * Thread-safe.
 */
final class WebhookWorker implements EventHub.Subscriber {
  private static final System.Logger LOG = System.getLogger(WebhookWorker.class.getName());
  /** Longest error text kept for {@code GET /v1/webhooks}. UNIT: characters. */
  static final int MAX_ERROR_CHARS = 200;

  private final String id;
  private final URI url;
  private final byte[] secret;
  private final EventFilter filter;
  private final EventReader reader;
  private final EventHub hub;
  private final ApiStore store;
  private final HttpClient http;
  private final ScheduledExecutorService executor;
  private final WebhookConfig config;
  private final AtomicLong failures = new AtomicLong();
  private long cursor;
  private int attempts;
  private boolean busy;
  private boolean stopped;
  private ScheduledFuture<?> retry;
  private CompletableFuture<?> request;

  WebhookWorker(WebhookRow row, EventFilter filter, EventHub hub, ApiStore store,
      HttpClient http, ScheduledExecutorService executor, WebhookConfig config) {
    this.id = row.id();
    this.url = URI.create(row.url());
    this.secret = row.secret().clone();
    this.filter = filter;
    this.reader = new EventReader(hub);
    this.hub = hub;
    this.store = store;
    this.http = http;
    this.executor = executor;
    this.config = config;
    this.cursor = row.cursor();
    this.attempts = row.attempts();
  }

  void start() {
    hub.subscribe(this);
    wake();
  }

  synchronized void stop() {
    stopped = true;
    hub.unsubscribe(this);
    if (retry != null) {
      retry.cancel(false);
    }
    if (request != null) {
      request.cancel(true);
    }
  }

  /** Failed attempts since this daemon started (for metrics). */
  long failures() {
    return failures.get();
  }

  @Override
  public void wake() {
    synchronized (this) {
      if (busy || stopped || retry != null) {
        return;
      }
      busy = true;
    }
    try {
      executor.execute(this::next);
    } catch (RejectedExecutionException e) {
      synchronized (this) {
        busy = false;
      }
    }
  }

  private void next() {
    long from;
    synchronized (this) {
      from = cursor;
    }
    EventReader.Page page;
    try {
      page = reader.read(from, 1, filter);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "webhook " + id + ": cannot read events: " + e.getMessage());
      scheduleRetry();
      return;
    }
    if (page.events().isEmpty()) {
      if (page.next() > from) {
        persistAdvance(page.next(), false);
      }
      synchronized (this) {
        cursor = Math.max(cursor, page.next());
        busy = false;
      }
      if (hub.latestSeq() > page.next()) {
        wake();
      }
      return;
    }
    post(page.events().get(0));
  }

  private void post(HubEvent event) {
    byte[] body = event.json().getBytes(StandardCharsets.UTF_8);
    HttpRequest req = HttpRequest.newBuilder(url)
        .timeout(Duration.ofMillis(config.requestTimeoutMillis()))
        .header("Content-Type", "application/json")
        .header("User-Agent", "parleyd-webhook")
        .header("X-Parley-Seq", Long.toString(event.seq()))
        .header("X-Parley-Event", event.type())
        .header("X-Parley-Webhook", id)
        .header(WebhookSigner.HEADER, WebhookSigner.sign(secret, body))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
    CompletableFuture<HttpResponse<Void>> f =
        http.sendAsync(req, HttpResponse.BodyHandlers.discarding());
    synchronized (this) {
      if (stopped) {
        f.cancel(true);
        return;
      }
      request = f;
    }
    f.whenCompleteAsync((resp, error) -> {
      if (error == null && resp.statusCode() / 100 == 2) {
        delivered(event.seq());
      } else {
        failed(error == null ? "HTTP " + resp.statusCode() : describe(error));
      }
    }, executor);
  }

  private void delivered(long seq) {
    persistAdvance(seq, true);
    synchronized (this) {
      cursor = Math.max(cursor, seq);
      attempts = 0;
      busy = false;
      request = null;
    }
    wake();
  }

  private void failed(String error) {
    failures.incrementAndGet();
    try {
      store.write(tx -> tx.webhooks().recordFailure(id, error));
    } catch (StoreException e) {
      LOG.log(Level.WARNING, "webhook " + id + ": cannot record a failure: " + e.getMessage());
    }
    synchronized (this) {
      attempts++;
      request = null;
    }
    scheduleRetry();
  }

  private void scheduleRetry() {
    synchronized (this) {
      if (stopped) {
        return;
      }
      long delay = config.retryDelayMillis(Math.max(1, attempts),
          ThreadLocalRandom.current().nextDouble());
      try {
        retry = executor.schedule(() -> {
          synchronized (this) {
            retry = null;
            busy = false;
          }
          wake();
        }, delay, TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException e) {
        busy = false;
      }
    }
  }

  /**
   * Stores the new cursor. If that fails the delivery still happened: the cursor moves on in
   * memory and a restart may repeat the event, which at-least-once allows.
   */
  private void persistAdvance(long seq, boolean delivered) {
    try {
      store.write(tx -> tx.webhooks().advance(id, seq, delivered));
    } catch (StoreException e) {
      LOG.log(Level.WARNING, "webhook " + id + ": cannot store its cursor: " + e.getMessage());
    }
  }

  /** A failure in words, without the URL (it may hold credentials) or any body. */
  private static String describe(Throwable error) {
    Throwable t = error instanceof CompletionException
        && error.getCause() != null ? error.getCause() : error;
    String m = t.getClass().getSimpleName()
        + (t.getMessage() == null ? "" : ": " + t.getMessage());
    return m.length() > MAX_ERROR_CHARS ? m.substring(0, MAX_ERROR_CHARS) : m;
  }
}

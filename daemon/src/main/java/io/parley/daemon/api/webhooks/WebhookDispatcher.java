package io.parley.daemon.api.webhooks;

import io.parley.daemon.api.events.EventFilter;
import io.parley.daemon.api.events.EventHub;
import io.parley.daemon.api.http.ApiException;
import io.parley.agent.readmodel.StoreStats;
import io.parley.agent.store.StoreException;
import io.parley.daemon.store.api.ApiStore;
import io.parley.daemon.store.api.WebhookRow;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Runs a {@link WebhookWorker} per stored webhook, and creates and deletes webhooks. Thread-safe.
 */
public final class WebhookDispatcher implements AutoCloseable {
  /** Most webhooks; each is one worker and one outgoing connection. */
  public static final int MAX_WEBHOOKS = 32;
  /** Webhooks of one profile: half of them, so one profile never uses up the others' share. */
  public static final int MAX_WEBHOOKS_PER_PROFILE = MAX_WEBHOOKS / 2;

  private final ApiStore store;
  private final StoreStats stats;
  private final EventHub hub;
  private final ScheduledExecutorService executor;
  private final WebhookConfig config;
  private final HttpClient http;
  private final Map<String, WebhookWorker> workers = new ConcurrentHashMap<>();

  private WebhookDispatcher(ApiStore store, StoreStats stats, EventHub hub,
      ScheduledExecutorService executor, WebhookConfig config) {
    this.store = store;
    this.stats = stats;
    this.hub = hub;
    this.executor = executor;
    this.config = config;
    this.http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofMillis(config.requestTimeoutMillis()))
        .executor(executor)
        .build();
  }

  /** Starts delivering every stored webhook from its cursor. */
  public static WebhookDispatcher start(ApiStore store, StoreStats stats, EventHub hub,
      ScheduledExecutorService executor, WebhookConfig config) throws StoreException {
    WebhookDispatcher d = new WebhookDispatcher(store, stats, hub, executor, config);
    for (WebhookRow row : store.read(tx -> tx.webhooks().list())) {
      d.launch(row);
    }
    return d;
  }

  /**
   * Stores a webhook that delivers events after {@code cursor} and starts it.
   *
   * @throws ApiException 409 when there are already {@link #MAX_WEBHOOKS}, or
   *     {@link #MAX_WEBHOOKS_PER_PROFILE} of this profile
   */
  public synchronized WebhookRow create(String profileId, String url,
      List<String> typesOrNull, byte[] secret, long cursor)
      throws StoreException, ApiException {
    if (workers.size() >= MAX_WEBHOOKS) {
      throw ApiException.conflict(ApiException.CONFLICT, "at most " + MAX_WEBHOOKS
          + " webhooks; delete one first");
    }
    long mine = store.read(tx -> tx.webhooks().list()).stream()
        .filter(r -> r.profileId().equals(profileId)).count();
    if (mine >= MAX_WEBHOOKS_PER_PROFILE) {
      throw ApiException.conflict(ApiException.CONFLICT, "at most " + MAX_WEBHOOKS_PER_PROFILE
          + " webhooks per profile; delete one first");
    }
    WebhookRow row = store.write(tx -> tx.webhooks().insert(store.newId(), profileId, url,
        typesOrNull, secret, cursor));
    launch(row);
    return row;
  }

  /** Stops and deletes a webhook of the profile; false if the profile has none by that id. */
  public synchronized boolean delete(String id, String profileId) throws StoreException {
    if (status(id, profileId).isEmpty()) {
      return false;
    }
    WebhookWorker w = workers.remove(id);
    if (w != null) {
      w.stop();
    }
    return store.write(tx -> tx.webhooks().delete(id));
  }

  /**
   * Stops the workers of webhooks whose rows are gone (a profile's deletion removed them in
   * its own unit).
   */
  public synchronized void forget(List<String> ids) {
    for (String id : ids) {
      WebhookWorker w = workers.remove(id);
      if (w != null) {
        w.stop();
      }
    }
  }

  /** One webhook of the profile: its state. */
  public Optional<WebhookStatus> status(String id, String profileId) throws StoreException {
    Optional<WebhookRow> row = store.read(tx -> tx.webhooks().find(id))
        .filter(r -> r.profileId().equals(profileId));
    if (row.isEmpty()) {
      return Optional.empty();
    }
    WebhookRow r = row.get();
    return Optional.of(new WebhookStatus(r, stats.eventsAfter(r.cursor(), r.types(), r.profileId())));
  }

  /** Every webhook's state, oldest first. */
  public List<WebhookStatus> list() throws StoreException {
    return list(null);
  }

  /** Every webhook of the profile (of every profile when null): its state, oldest first. */
  public List<WebhookStatus> list(String profileIdOrNull) throws StoreException {
    // The pending counts are read after the rows: a gauge, not a snapshot of both.
    List<WebhookStatus> out = new ArrayList<>();
    for (WebhookRow r : store.read(tx -> tx.webhooks().list())) {
      if (profileIdOrNull != null && !r.profileId().equals(profileIdOrNull)) {
        continue;
      }
      out.add(new WebhookStatus(r, stats.eventsAfter(r.cursor(), r.types(), r.profileId())));
    }
    return out;
  }

  /** Failed delivery attempts per webhook id since start. */
  public Map<String, Long> failures() {
    Map<String, Long> out = new TreeMap<>();
    workers.forEach((id, w) -> out.put(id, w.failures()));
    return out;
  }

  private void launch(WebhookRow row) throws StoreException {
    EventFilter filter;
    try {
      filter = row.types() == null ? EventFilter.all()
          : EventFilter.parse(Optional.of(String.join(",", row.types())));
      filter = filter.forProfile(row.profileId());
    } catch (ApiException e) {
      throw new StoreException("webhook " + row.id() + " has unreadable types", e);
    }
    WebhookWorker w = new WebhookWorker(row, filter, hub, store, http, executor, config);
    workers.put(row.id(), w);
    w.start();
  }

  @Override
  public synchronized void close() {
    workers.values().forEach(WebhookWorker::stop);
    workers.clear();
  }
}

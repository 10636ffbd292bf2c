package io.parley.daemon.api.resources;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.parley.agent.Agent;
import io.parley.agent.readmodel.StoreStats;
import io.parley.daemon.api.events.EventHub;
import io.parley.daemon.api.events.StreamLimiter;
import io.parley.daemon.api.http.Endpoint;
import io.parley.daemon.api.http.Reply;
import io.parley.daemon.api.http.RequestCounter;
import io.parley.daemon.api.http.Routes;
import io.parley.daemon.api.security.Access;
import io.parley.daemon.api.webhooks.WebhookDispatcher;
import io.parley.daemon.api.webhooks.WebhookStatus;
import io.parley.relay.metrics.ProcessMetrics;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /metrics}: Prometheus text format 0.0.4 from Micrometer's Prometheus registry
 * (docs/metrics.md): the JVM and process series, the agent's (messages, latencies, relays) and
 * the API's own. Labels carry status names, relays' {@code host:port} and webhook ids; never a
 * link, token or message. Admin token required (Prometheus sends it with
 * {@code authorization: {credentials_file: .../api.token}}). Thread-safe; close once.
 */
public final class MetricsResource implements AutoCloseable {
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final PrometheusMeterRegistry registry;
  private final ProcessMetrics process;
  private final CompositeMeterRegistry agentRegistry; // the agent's, which feeds ours; or null
  private final StoreStats stats;
  private final WebhookDispatcher webhooks;
  private final RequestCounter requests;
  private final Clock clock;
  private final MultiGauge connections;
  private final MultiGauge webhookPending;
  // The following are guarded by this: refreshed before each scrape.
  private final Map<Integer, Meter> requestCounters = new HashMap<>();
  private final Map<String, Meter> webhookFailures = new HashMap<>();
  private long queued;
  private long oldestQueuedAgeSeconds;
  private long requestsPending;

  /**
   * Creates the registry and its meters. The agent's series appear when its registry is the
   * default {@link CompositeMeterRegistry}, to which this registry is added until
   * {@link #close()}.
   */
  public MetricsResource(Agent agent, EventHub hub, StreamLimiter streams,
      WebhookDispatcher webhooks, RequestCounter requests, Clock clock) {
    this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    this.process = ProcessMetrics.bind(registry);
    this.agentRegistry = agent.meterRegistry() instanceof CompositeMeterRegistry c ? c : null;
    if (agentRegistry != null) {
      agentRegistry.add(registry);
    }
    this.stats = agent.stats();
    this.webhooks = webhooks;
    this.requests = requests;
    this.clock = clock;
    Gauge.builder("parley.events.latest.seq", hub, EventHub::latestSeq)
        .description("Sequence number of the newest event").register(registry);
    Gauge.builder("parley.events.oldest.seq", hub, h -> h.expiredUpTo() + 1)
        .description("Sequence number of the oldest event kept").register(registry);
    Gauge.builder("parley.event.readers", streams, StreamLimiter::open)
        .description("Long-polls, WebSockets and SSE streams open").register(registry);
    Gauge.builder("parley.outbox.queued", this, m -> m.queued)
        .description("Outgoing messages waiting for a relay to accept them").register(registry);
    Gauge.builder("parley.outbox.oldest.age", this, m -> m.oldestQueuedAgeSeconds)
        .baseUnit("seconds")
        .description("Age of the oldest queued outgoing message, 0 when none")
        .register(registry);
    Gauge.builder("parley.contact.requests.pending", this, m -> m.requestsPending)
        .description("Contact requests awaiting a decision").register(registry);
    this.connections = MultiGauge.builder("parley.connections")
        .description("Connections by status").register(registry);
    this.webhookPending = MultiGauge.builder("parley.webhook.pending.events")
        .description("Events a webhook has yet to deliver").register(registry);
  }

  public void register(Routes routes) {
    routes.get("/metrics", Access.OWNER, Endpoint.of(call ->
        Reply.text(200, CONTENT_TYPE, scrape())));
  }

  /** Reads the store's counts and the webhooks' state, then renders every series. */
  String scrape() throws Exception {
    Map<String, Long> byStatus = stats.connectionsByStatus();
    long queuedNow = stats.queuedOutgoing();
    long oldest = stats.oldestQueuedAt();
    long pending = stats.pendingRequests();
    List<WebhookStatus> hooks = webhooks.list();
    Map<String, Long> failures = webhooks.failures();
    synchronized (this) {
      queued = queuedNow;
      oldestQueuedAgeSeconds = oldest == 0 ? 0 : Math.max(0, (clock.millis() - oldest) / 1000);
      requestsPending = pending;
      List<MultiGauge.Row<?>> rows = new ArrayList<>();
      byStatus.forEach((status, n) -> rows.add(MultiGauge.Row.of(Tags.of("status", status), n)));
      connections.register(rows, true);
      List<MultiGauge.Row<?>> hookRows = new ArrayList<>();
      for (WebhookStatus s : hooks) {
        hookRows.add(MultiGauge.Row.of(Tags.of("webhook", s.row().id()), s.pending()));
      }
      webhookPending.register(hookRows, true);
      for (Integer code : requests.counts().keySet()) {
        requestCounters.computeIfAbsent(code, c -> FunctionCounter.builder(
                "parley.api.requests", requests, r -> r.counts().getOrDefault(c, 0L))
            .description("API requests answered, by status").tag("code", Integer.toString(c))
            .register(registry));
      }
      syncWebhookFailures(failures);
      return registry.scrape();
    }
  }

  /** One failure counter per webhook that exists: a deleted webhook's series goes with it. */
  private void syncWebhookFailures(Map<String, Long> failures) {
    for (String id : Set.copyOf(webhookFailures.keySet())) {
      if (!failures.containsKey(id)) {
        registry.remove(webhookFailures.remove(id));
      }
    }
    for (String id : failures.keySet()) {
      webhookFailures.computeIfAbsent(id, i -> FunctionCounter.builder(
              "parley.webhook.failures", webhooks, w -> w.failures().getOrDefault(i, 0L))
          .description("Failed webhook deliveries since start").tag("webhook", i)
          .register(registry));
    }
  }

  /** Detaches from the agent's registry and releases the JVM binders. */
  @Override
  public void close() {
    if (agentRegistry != null) {
      agentRegistry.remove(registry);
    }
    process.close();
    registry.close();
  }
}

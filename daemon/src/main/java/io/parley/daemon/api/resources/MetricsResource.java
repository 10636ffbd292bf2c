package io.parley.daemon.api.resources;

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
import java.time.Clock;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GET /metrics}: Prometheus text format 0.0.4. Labels carry status names, relay
 * addresses and webhook ids; never a link, token or message. Admin token required (Prometheus
 * sends it with {@code authorization: {credentials_file: .../api.token}}). Thread-safe.
 */
public final class MetricsResource {
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final StoreStats stats;
  private final EventHub hub;
  private final StreamLimiter streams;
  private final WebhookDispatcher webhooks;
  private final RelayTracker relays;
  private final RequestCounter requests;
  private final Clock clock;

  public MetricsResource(StoreStats stats, EventHub hub, StreamLimiter streams,
      WebhookDispatcher webhooks, RelayTracker relays, RequestCounter requests, Clock clock) {
    this.stats = stats;
    this.hub = hub;
    this.streams = streams;
    this.webhooks = webhooks;
    this.relays = relays;
    this.requests = requests;
    this.clock = clock;
  }

  public void register(Routes routes) {
    routes.get("/metrics", Access.OWNER, Endpoint.of(call ->
        Reply.text(200, CONTENT_TYPE, render())));
  }

  private String render() throws Exception {
    StringBuilder out = new StringBuilder(2_048);
    family(out, "parley_api_requests_total", "counter", "API requests answered, by status");
    requests.counts().forEach((code, n) ->
        sample(out, "parley_api_requests_total", "code", Integer.toString(code), n));
    family(out, "parley_events_latest_seq", "gauge", "Sequence number of the newest event");
    sample(out, "parley_events_latest_seq", null, null, hub.latestSeq());
    family(out, "parley_events_oldest_seq", "gauge", "Sequence number of the oldest event kept");
    sample(out, "parley_events_oldest_seq", null, null, hub.expiredUpTo() + 1);
    family(out, "parley_event_readers", "gauge", "Long-polls, WebSockets and SSE streams open");
    sample(out, "parley_event_readers", null, null, streams.open());

    long now = clock.millis();
    Map<String, Long> connections = stats.connectionsByStatus();
    long queued = stats.queuedOutgoing();
    long oldestQueued = stats.oldestQueuedAt();
    long requestsPending = stats.pendingRequests();
    family(out, "parley_connections", "gauge", "Connections by status");
    connections.forEach((status, n) -> sample(out, "parley_connections", "status", status, n));
    family(out, "parley_outbox_queued", "gauge",
        "Outgoing messages waiting for a relay to accept them");
    sample(out, "parley_outbox_queued", null, null, queued);
    family(out, "parley_outbox_oldest_age_seconds", "gauge",
        "Age of the oldest queued outgoing message, 0 when none");
    sample(out, "parley_outbox_oldest_age_seconds", null, null,
        oldestQueued == 0 ? 0 : Math.max(0, (now - oldestQueued) / 1000));
    family(out, "parley_contact_requests_pending", "gauge", "Contact requests awaiting a decision");
    sample(out, "parley_contact_requests_pending", null, null, requestsPending);

    family(out, "parley_relay_up", "gauge", "1 if the relay was reachable at its last report");
    relays.snapshot().forEach((address, state) ->
        sample(out, "parley_relay_up", "relay", address, state.up() ? 1 : 0));

    family(out, "parley_webhook_pending_events", "gauge", "Events a webhook has yet to deliver");
    for (WebhookStatus s : webhooks.list()) {
      sample(out, "parley_webhook_pending_events", "webhook", s.row().id(), s.pending());
    }
    family(out, "parley_webhook_failures_total", "counter",
        "Failed webhook deliveries since start");
    webhooks.failures().forEach((id, n) ->
        sample(out, "parley_webhook_failures_total", "webhook", id, n));
    return out.toString();
  }

  private static void family(StringBuilder out, String name, String type, String help) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }

  private static void sample(StringBuilder out, String name, String label, String value,
      long n) {
    out.append(name);
    if (label != null) {
      out.append('{').append(label).append("=\"").append(escape(value)).append("\"}");
    }
    out.append(' ').append(String.format(Locale.ROOT, "%d", n)).append('\n');
  }

  private static String escape(String v) {
    return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}

package io.parley.bots.notifier.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.parley.bots.notifier.delivery.DispatchResult;

/**
 * The notifier's registry: the JVM and process series every Parley process exports, the alerts
 * the receiver answered by source and outcome, and what their fan-out did per subscriber.
 * Every label value is a fixed word (a format name, an error code, a result). Thread-safe.
 */
public final class NotifierMetrics implements AutoCloseable {
  /** The {@code source} of an alert refused before its body was read. */
  public static final String SOURCE_UNKNOWN = "unknown";
  /** The {@code outcome} of an alert answered 200. */
  public static final String OUTCOME_ACCEPTED = "accepted";

  private final PrometheusMeterRegistry registry;
  private final JvmGcMetrics gc;

  private NotifierMetrics(PrometheusMeterRegistry registry, JvmGcMetrics gc) {
    this.registry = registry;
    this.gc = gc;
  }

  /** A registry with the JVM and process binders bound. */
  public static NotifierMetrics start() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
    JvmGcMetrics gc = new JvmGcMetrics();
    gc.bindTo(registry);
    return new NotifierMetrics(registry, gc);
  }

  /**
   * Counts one alert request: {@code source} is the format it was read as (or
   * {@link #SOURCE_UNKNOWN}), {@code outcome} {@link #OUTCOME_ACCEPTED} or the error code.
   */
  public void alert(String source, String outcome) {
    Counter.builder("parley.notifier.alerts")
        .description("Alert requests answered, by source and outcome")
        .tag("source", source).tag("outcome", outcome).register(registry).increment();
  }

  /** Counts what an accepted alert's fan-out did, per subscriber. */
  public void dispatched(DispatchResult r) {
    deliveries("queued", r.queued());
    deliveries("held", r.held());
    deliveries("duplicate", r.duplicates());
    deliveries("muted", r.muted());
    deliveries("rejected", r.rejected());
    deliveries("gone", r.gone());
  }

  private void deliveries(String result, int n) {
    Counter.builder("parley.notifier.deliveries")
        .description("Subscribers an accepted alert was fanned out to, by result")
        .tag("result", result).register(registry).increment(n);
  }

  /** Every series in the Prometheus text format 0.0.4. */
  public String scrape() {
    return registry.scrape();
  }

  @Override
  public void close() {
    gc.close();
    registry.close();
  }
}

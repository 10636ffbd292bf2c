package io.parley.relay.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.parley.protocol.ErrorCode;
import io.parley.relay.server.RelayCounters;
import io.parley.relay.store.RelayStore;
import java.util.Locale;
import java.util.function.IntSupplier;
import java.util.function.ToDoubleFunction;

/**
 * The relay's own series (docs/metrics.md), read from its aggregate counters and store at each
 * scrape: nothing here is on a command's path. Every label is a fixed word, so the number of
 * series does not grow with traffic. Stateless.
 */
public final class RelayMetrics {
  private RelayMetrics() {}

  /** Registers the relay's series on {@code registry}. */
  public static void bind(MeterRegistry registry, RelayCounters counters, RelayStore store,
      IntSupplier openConnections) {
    Gauge.builder("parley.relay.queues", store, RelayStore::queueCount)
        .description("Queues the relay holds").register(registry);
    // Micrometer holds a gauge's object weakly; nothing else holds this supplier (a method
    // reference made at the call), so without a strong reference a GC turns the gauge to NaN.
    Gauge.builder("parley.relay.connections.open", openConnections, IntSupplier::getAsInt)
        .strongReference(true)
        .description("Connections open now, counted from accept").register(registry);
    counter(registry, "parley.relay.new.queues", "Queues created by NEW",
        counters, RelayCounters::queuesCreated);
    counter(registry, "parley.relay.deleted.queues", "Queues deleted by DEL",
        counters, RelayCounters::queuesDeleted);
    counter(registry, "parley.relay.messages.in", "Messages accepted by SEND",
        counters, RelayCounters::messagesSent);
    counter(registry, "parley.relay.messages.out", "Messages delivered to a subscriber",
        counters, RelayCounters::messagesDelivered);
    counter(registry, "parley.relay.messages.expired", "Messages deleted by expiry",
        counters, RelayCounters::messagesExpired);
    counter(registry, "parley.relay.commands", "Commands received",
        counters, RelayCounters::commands);
    FunctionCounter.builder("parley.relay.tls.handshakes", counters,
            c -> c.handshakesCompleted())
        .description("TLS and session handshakes, by outcome").tag("outcome", "completed")
        .register(registry);
    FunctionCounter.builder("parley.relay.tls.handshakes", counters,
            c -> c.handshakesFailed())
        .description("TLS and session handshakes, by outcome").tag("outcome", "failed")
        .register(registry);
    FunctionCounter.builder("parley.relay.connections.refused", counters,
            c -> c.connectionsRefused() - c.connectionsRefusedHandshakesPending())
        .description("Connections reset at accept, by the cap that was reached")
        .tag("reason", "max_connections").register(registry);
    FunctionCounter.builder("parley.relay.connections.refused", counters,
            c -> c.connectionsRefusedHandshakesPending())
        .description("Connections reset at accept, by the cap that was reached")
        .tag("reason", "max_pending_handshakes").register(registry);
    for (ErrorCode code : ErrorCode.values()) {
      errors(registry, code.name().toLowerCase(Locale.ROOT), counters,
          c -> c.commandErrors(code));
    }
    errors(registry, "malformed_block", counters, c -> c.blocksMalformed());
  }

  private static void counter(MeterRegistry registry, String name, String description,
      RelayCounters counters, ToDoubleFunction<RelayCounters> value) {
    FunctionCounter.builder(name, counters, value).description(description).register(registry);
  }

  private static void errors(MeterRegistry registry, String type, RelayCounters counters,
      ToDoubleFunction<RelayCounters> value) {
    FunctionCounter.builder("parley.relay.errors", counters, value)
        .description("Error answers by code, and blocks that did not decode")
        .tag("type", type).register(registry);
  }
}

package io.parley.agent;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.parley.agent.event.AgentEvent;
import io.parley.agent.model.MessageStatus;
import io.parley.protocol.transport.InvalidRelayAddressException;
import io.parley.protocol.transport.RelayAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The agent's metrics (docs/metrics.md), read from its committed events: what they count is
 * exactly what the event log says happened, and nothing on a message's path waits for them.
 * Labels are fixed words and relays' {@code host:port}; never a connection, message or key.
 * Called on the event dispatcher's thread only.
 */
final class AgentMetrics implements Consumer<AgentEvent> {
  /**
   * Sends whose queued time is remembered until their delivery; beyond this the oldest is
   * forgotten (its delivery is then counted but not timed). Bounds memory while a peer stays
   * offline with many messages waiting. UNIT: messages.
   */
  static final int MAX_TIMED_SENDS = 10_000;
  /** Buckets of the send-to-delivered histogram: a relay round trip up to a peer offline. */
  private static final Duration[] DELIVERY_BUCKETS = {
      Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
      Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
      Duration.ofSeconds(1), Duration.ofMillis(2_500), Duration.ofSeconds(5),
      Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1),
      Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(2)};
  /** Buckets of the receive-to-event histogram: one commit's fsync up to a stalled store. */
  private static final Duration[] EVENT_BUCKETS = {
      Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5),
      Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
      Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
      Duration.ofSeconds(1), Duration.ofSeconds(5)};

  private final MeterRegistry registry;
  private final Clock clock;
  private final Counter sent;
  private final Counter received;
  private final Counter failed;
  private final Counter delivered;
  private final Timer delivery;
  private final Timer receiveToEvent;
  private final Map<String, Long> queuedAt = new LinkedHashMap<>(256, 0.75f, false) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
      return size() > MAX_TIMED_SENDS;
    }
  };
  private final Map<String, RelayMeters> relays = new ConcurrentHashMap<>();

  /** One relay's state (-1 before its first report) and reconnect counter. */
  private record RelayMeters(AtomicInteger state, Counter reconnects) {}

  AgentMetrics(MeterRegistry registry, Clock clock) {
    this.registry = registry;
    this.clock = clock;
    this.sent = Counter.builder("parley.messages.sent")
        .description("Messages a relay accepted for the peer").register(registry);
    this.received = Counter.builder("parley.messages.received")
        .description("Messages received and stored").register(registry);
    this.failed = Counter.builder("parley.messages.failed")
        .description("Messages that failed for good").register(registry);
    this.delivered = Counter.builder("parley.messages.delivered")
        .description("Messages the peer's receipt confirmed").register(registry);
    this.delivery = Timer.builder("parley.message.delivery")
        .description("From a message queued to its peer's receipt (delivered)")
        .serviceLevelObjectives(DELIVERY_BUCKETS).register(registry);
    this.receiveToEvent = Timer.builder("parley.message.receive.to.event")
        .description("From a received message written to the store to its event reaching "
            + "listeners (commit, fsync and hand-over)")
        .serviceLevelObjectives(EVENT_BUCKETS).register(registry);
  }

  @Override
  public void accept(AgentEvent e) {
    switch (e.type()) {
      case AgentEvent.MESSAGE_STATUS -> status(e);
      case AgentEvent.MESSAGE_RECEIVED -> {
        received.increment();
        receiveToEvent.record(Math.max(0, clock.millis() - e.time().toEpochMilli()),
            TimeUnit.MILLISECONDS);
      }
      case AgentEvent.RELAY_UP -> relay(e, true);
      case AgentEvent.RELAY_DOWN -> relay(e, false);
      default -> { }
    }
  }

  private void status(AgentEvent e) {
    Object id = e.data().get("messageId");
    Object status = e.data().get("status");
    if (!(id instanceof String messageId) || !(status instanceof String label)) {
      return;
    }
    if (MessageStatus.QUEUED.label().equals(label)) {
      // A retry is queued again with a reason: only the first queueing starts the clock.
      if (!e.data().containsKey("reason")) {
        queuedAt.putIfAbsent(messageId, e.time().toEpochMilli());
      }
    } else if (MessageStatus.SENT.label().equals(label)) {
      sent.increment();
    } else if (MessageStatus.DELIVERED.label().equals(label)) {
      delivered.increment();
      Long at = queuedAt.remove(messageId);
      if (at != null) {
        delivery.record(Math.max(0, e.time().toEpochMilli() - at), TimeUnit.MILLISECONDS);
      }
    } else if (MessageStatus.FAILED.label().equals(label)) {
      failed.increment();
      queuedAt.remove(messageId);
    }
  }

  private void relay(AgentEvent e, boolean up) {
    if (!(e.data().get("relay") instanceof String address)) {
      return;
    }
    String label;
    try {
      RelayAddress a = RelayAddress.parse(address);
      label = a.host() + ":" + a.port();
    } catch (InvalidRelayAddressException ex) {
      return;
    }
    RelayMeters meters = relays.computeIfAbsent(label, l -> {
      AtomicInteger s = new AtomicInteger(-1);
      Gauge.builder("parley.relay.up", s, v -> Math.max(0, v.get()))
          .description("1 while the agent's connection to the relay is up")
          .tag("relay", l).register(registry);
      return new RelayMeters(s, Counter.builder("parley.relay.reconnects")
          .description("Times the connection to a relay came back after it was down")
          .tag("relay", l).register(registry));
    });
    int before = meters.state().getAndSet(up ? 1 : 0);
    if (up && before == 0) {
      meters.reconnects().increment();
    }
  }
}

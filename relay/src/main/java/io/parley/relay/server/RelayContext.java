package io.parley.relay.server;

import io.parley.relay.config.RelayConfig;
import io.parley.relay.store.RelayStore;

/**
 * What every connection of one relay shares: configuration, store, subscription registry,
 * counters and the count of commands waiting on the store. Thread-safe (each part is).
 */
final class RelayContext {
  private final RelayConfig config;
  private final RelayStore store;
  private final Subscriptions subscriptions = new Subscriptions();
  private final RelayCounters counters;
  private final PendingWrites pendingWrites = new PendingWrites();
  private volatile boolean closing;

  RelayContext(RelayConfig config, RelayStore store, RelayCounters counters) {
    this.config = config;
    this.store = store;
    this.counters = counters;
  }

  RelayConfig config() {
    return config;
  }

  RelayStore store() {
    return store;
  }

  Subscriptions subscriptions() {
    return subscriptions;
  }

  RelayCounters counters() {
    return counters;
  }

  PendingWrites pendingWrites() {
    return pendingWrites;
  }

  /** Now in Unix seconds, the timestamp the store records for a message. */
  long nowSeconds() {
    return config.clock().instant().getEpochSecond();
  }

  /** Once set, connections read no more commands. */
  boolean closing() {
    return closing;
  }

  void startClosing() {
    closing = true;
  }
}

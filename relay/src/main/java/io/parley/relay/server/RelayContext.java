package io.parley.relay.server;

import io.parley.relay.config.RelayConfig;
import io.parley.relay.store.RelayStore;
import java.time.Clock;

/**
 * What every connection of one relay shares: configuration, store, subscription registry and
 * counters. Thread-safe (each part is).
 */
record RelayContext(
    RelayConfig config, RelayStore store, Subscriptions subscriptions, RelayCounters counters) {

  Clock clock() {
    return config.clock();
  }

  /** Now in Unix seconds, the timestamp the store records for a message. */
  long nowSeconds() {
    return config.clock().instant().getEpochSecond();
  }
}

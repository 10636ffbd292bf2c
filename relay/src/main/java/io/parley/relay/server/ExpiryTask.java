package io.parley.relay.server;

import io.parley.relay.store.RelayStore;
import java.lang.System.Logger.Level;
import java.time.Clock;

/**
 * Deletes messages older than the TTL. Runs on the relay's maintenance thread, never on an
 * event loop, since a pass walks every queue. Logs only how many messages went.
 */
final class ExpiryTask implements Runnable {
  private static final System.Logger LOG = System.getLogger(ExpiryTask.class.getName());

  private final RelayStore store;
  private final Clock clock;
  private final long ttlSeconds;
  private final RelayCounters counters;

  ExpiryTask(RelayStore store, Clock clock, long ttlSeconds, RelayCounters counters) {
    this.store = store;
    this.clock = clock;
    this.ttlSeconds = ttlSeconds;
    this.counters = counters;
  }

  @Override
  public void run() {
    try {
      int expired = store.expire(clock.instant().getEpochSecond() - ttlSeconds);
      counters.expired(expired);
      if (expired > 0) {
        LOG.log(Level.INFO, "expired {0} messages", expired);
      }
    } catch (RuntimeException e) {
      // A failed pass must not cancel the schedule; the next one retries.
      LOG.log(Level.WARNING, "message expiry failed: " + e.getClass().getSimpleName());
    }
  }
}

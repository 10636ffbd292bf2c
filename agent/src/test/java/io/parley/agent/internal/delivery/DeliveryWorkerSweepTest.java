package io.parley.agent.internal.delivery;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.agent.internal.state.Connections;
import io.parley.agent.model.RelayClientConfig;
import io.parley.agent.internal.client.RelayClientListener;
import io.parley.agent.internal.client.RelayClientPool;
import io.parley.agent.internal.store.Database;
import io.parley.protocol.command.Response;
import io.parley.protocol.transport.RelayAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeliveryWorkerSweepTest {
  private static final RelayClientListener IGNORE = new RelayClientListener() {
    @Override
    public void onMessage(RelayAddress relay, byte[] recipientId, Response.Msg msg) {}

    @Override
    public void onEnd(RelayAddress relay, byte[] recipientId) {}

    @Override
    public void onUp(RelayAddress relay) {}

    @Override
    public void onDown(RelayAddress relay, Throwable cause) {}
  };

  @Test
  void theSweepEndsABackOffWhoseTimerIsOverdueAndLeavesOthersAlone(@TempDir Path dir)
      throws Exception {
    ExecutorService executor = Executors.newSingleThreadExecutor();
    try (Database db = Database.open(dir);
        RetryScheduler timers = new RetryScheduler(executor);
        RelayClientPool pool = new RelayClientPool(RelayClientConfig.defaults(), IGNORE,
            executor)) {
      Deliveries owner = new Deliveries(db, new Connections(), pool, timers,
          executor, Clock.systemUTC(), new RetryPolicy(100, 1_000), 32, (s, item) -> null);
      DeliveryWorker w = new DeliveryWorker("c1", 1, owner, 32);
      long now = System.nanoTime();

      w.backOffUntilWoken();
      w.backOffFor(TimeUnit.MINUTES.toMillis(1));
      w.sweep(now);
      assertTrue(w.backingOff(), "a back-off whose timer is not due yet goes on");
      w.sweep(now + TimeUnit.MINUTES.toNanos(2));
      assertFalse(w.backingOff(), "an overdue back-off ends at the sweep, timer or not");

      w.backOffUntilWoken();
      w.sweep(now + TimeUnit.DAYS.toNanos(1));
      assertTrue(w.backingOff(), "a back-off without a timer waits for its wake-up");
      w.wake();
      assertFalse(w.backingOff());
    } finally {
      executor.shutdownNow();
    }
  }
}

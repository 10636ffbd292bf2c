package io.parley.daemon.api.events;

import io.parley.agent.Agent;
import io.parley.agent.store.StoreException;
import io.parley.agent.store.StoreUnavailableException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Deletes events older than the retention period, once at start and then periodically, and
 * tells the hub where the log now begins (so older cursors get 410). Thread-safe.
 */
public final class RetentionJob implements AutoCloseable {
  /** How long one deletion may take before the run is abandoned. UNIT: seconds. */
  static final long RUN_TIMEOUT_SECONDS = 60;
  private static final System.Logger LOG = System.getLogger(RetentionJob.class.getName());

  private final Agent agent;
  private final EventHub hub;
  private final Clock clock;
  private final long retentionMillis;
  private final ScheduledFuture<?> schedule;

  private RetentionJob(Agent agent, EventHub hub, Clock clock, long retentionMillis,
      ScheduledExecutorService executor, long intervalMillis) {
    this.agent = agent;
    this.hub = hub;
    this.clock = clock;
    this.retentionMillis = retentionMillis;
    this.schedule = executor.scheduleWithFixedDelay(this::runQuietly, 0, intervalMillis,
        TimeUnit.MILLISECONDS);
  }

  /**
   * Starts the job on {@code executor}.
   *
   * @param retentionMillis how long events are kept. UNIT: milliseconds
   * @param intervalMillis time between runs. UNIT: milliseconds
   */
  public static RetentionJob start(Agent agent, EventHub hub, Clock clock, long retentionMillis,
      ScheduledExecutorService executor, long intervalMillis) {
    return new RetentionJob(agent, hub, clock, retentionMillis, executor, intervalMillis);
  }

  /**
   * Deletes what has expired now and returns how many events went.
   *
   * @throws StoreException if the store refused or timed out
   */
  public int runOnce() throws StoreException {
    long cutoff = clock.millis() - retentionMillis;
    int deleted;
    try {
      deleted = agent.deleteEventsOlderThan(cutoff)
          .get(RUN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new StoreUnavailableException("retention failed: " + e.getCause().getMessage(),
          e.getCause());
    } catch (TimeoutException e) {
      throw new StoreException("retention did not finish in " + RUN_TIMEOUT_SECONDS + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted", e);
    }
    hub.refreshExpired();
    if (deleted > 0) {
      LOG.log(Level.INFO, "event retention deleted {0} events", deleted);
    }
    return deleted;
  }

  private void runQuietly() {
    try {
      runOnce();
    } catch (StoreException | RuntimeException e) {
      LOG.log(Level.WARNING, "event retention failed; will retry: " + e.getMessage());
    }
  }

  @Override
  public void close() {
    schedule.cancel(false);
  }
}

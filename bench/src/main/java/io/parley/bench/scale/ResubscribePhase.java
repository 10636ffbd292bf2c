package io.parley.bench.scale;

import io.parley.agent.Agent;
import io.parley.agent.error.AgentException;
import io.parley.agent.model.SubscriptionStats;
import io.parley.bench.common.BenchException;
import io.parley.bench.common.LatencyRecorder;
import io.parley.bench.common.Percentiles;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Stops the receiver and starts it again on its store, then times until the relays accepted a
 * SUB for every one of its queues, while another thread calls {@link Agent#health()} (what
 * {@code GET /v1/health} answers from) to show whether the agent answers meanwhile.
 */
final class ResubscribePhase {
  /** Deadline of the re-subscription. UNIT: seconds. */
  static final long DEADLINE_SECONDS = 600;
  /** Pause between two health calls, and between two looks at the subscription count. */
  static final long POLL_MICROS = 10_000;

  private ResubscribePhase() {}

  /**
   * @param startNanos time {@code Agent.start} took (store opened and every connection loaded)
   * @param subscribedNanos from calling {@code Agent.start} to every queue subscribed
   * @param heapBytes heap the running receiver holds (used heap after a GC, less that with the
   *     receiver stopped)
   * @param totalHeapBytes heap used by the whole JVM after a GC with the receiver subscribed
   * @param health latency of health calls while the SUBs were under way
   */
  record Result(SubscriptionStats stats, long startNanos, long subscribedNanos, long heapBytes,
      long totalHeapBytes, Percentiles health) {}

  static Result run(ScaleRig rig, int expectedQueues)
      throws BenchException, AgentException, InterruptedException {
    rig.stopReceiver();
    long base = heapAfterGc();
    long start = System.nanoTime();
    Agent receiver = rig.startReceiver();
    long started = System.nanoTime() - start;
    LatencyRecorder health = new LatencyRecorder();
    AtomicBoolean done = new AtomicBoolean();
    Thread prober = new Thread(() -> {
      do {
        long t = System.nanoTime();
        receiver.health();
        health.record(System.nanoTime() - t);
        LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(POLL_MICROS));
      } while (!done.get());
    }, "health-prober");
    prober.start();
    SubscriptionStats stats;
    long deadline = start + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
    try {
      while (true) {
        stats = receiver.subscriptionStats();
        if (stats.queues() >= expectedQueues && stats.complete()) {
          break;
        }
        if (System.nanoTime() > deadline) {
          throw new BenchException(stats.subscribed() + " of " + expectedQueues
              + " queues subscribed after " + DEADLINE_SECONDS + " s");
        }
        LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(POLL_MICROS));
      }
    } finally {
      done.set(true);
      prober.join();
    }
    long subscribed = System.nanoTime() - start;
    long total = heapAfterGc();
    // Joined, so the prober's samples are visible here.
    return new Result(stats, started, subscribed, total - base, total,
        LatencyRecorder.merged(List.of(health)));
  }

  /** Waits until the agent has every one of at least {@code minQueues} queues subscribed. */
  static SubscriptionStats awaitSubscribed(Agent agent, int minQueues) throws BenchException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
    while (true) {
      SubscriptionStats stats = agent.subscriptionStats();
      if (stats.queues() >= minQueues && stats.complete()) {
        return stats;
      }
      if (System.nanoTime() > deadline) {
        throw new BenchException(stats.subscribed() + " of " + stats.queues()
            + " queues subscribed after " + DEADLINE_SECONDS + " s");
      }
      LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(POLL_MICROS));
    }
  }

  private static long heapAfterGc() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    System.gc();
    return memory.getHeapMemoryUsage().getUsed();
  }
}

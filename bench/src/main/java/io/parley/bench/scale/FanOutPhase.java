package io.parley.bench.scale;

import io.parley.agent.model.QueuedMessage;
import io.parley.bench.common.BenchException;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One alert to many connections, as a notifier sends it: every text handed to {@code sendText}
 * at once; times until every one is queued (stored, the API's 202) and until the receiver has
 * every one.
 */
final class FanOutPhase {
  /** Deadline of the whole phase. UNIT: seconds. */
  static final long DEADLINE_SECONDS = 600;

  private FanOutPhase() {}

  /**
   * @param calledNanos until the last {@code sendText} call returned (its future may be pending)
   * @param cpuNanos CPU of the whole JVM (relays, both agents) over the phase, or -1
   */
  record Result(int messages, long calledNanos, long queuedNanos, long deliveredNanos,
      long cpuNanos) {
    /** CPU per alert, relays and both agents. UNIT: microseconds; -1 if not known. */
    double cpuMicrosPerMessage() {
      return cpuNanos < 0 ? -1 : cpuNanos / 1e3 / messages;
    }
  }

  static Result run(ScaleRig rig, List<ScaleRig.Link> links, int count, int bytes)
      throws BenchException, InterruptedException {
    String alert = "alert ".repeat(bytes / 6 + 1).substring(0, bytes);
    CountDownLatch received = new CountDownLatch(count);
    rig.onReceived(e -> received.countDown());
    try {
      long cpuStart = processCpuNanos();
      long start = System.nanoTime();
      @SuppressWarnings("unchecked")
      CompletableFuture<QueuedMessage>[] sends = new CompletableFuture[count];
      for (int i = 0; i < count; i++) {
        sends[i] = rig.sender().sendText(links.get(i).senderId(), alert, null);
      }
      long called = System.nanoTime() - start;
      try {
        CompletableFuture.allOf(sends).get(DEADLINE_SECONDS, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        throw new BenchException("a send failed: " + e.getCause(), e.getCause());
      } catch (TimeoutException e) {
        throw new BenchException("sends not all queued within " + DEADLINE_SECONDS + " s");
      }
      long queued = System.nanoTime() - start;
      if (!received.await(DEADLINE_SECONDS, TimeUnit.SECONDS)) {
        throw new BenchException(received.getCount() + " of " + count
            + " alerts not received within " + DEADLINE_SECONDS + " s");
      }
      long delivered = System.nanoTime() - start;
      long cpuEnd = processCpuNanos();
      return new Result(count, called, queued, delivered,
          cpuStart < 0 || cpuEnd < 0 ? -1 : cpuEnd - cpuStart);
    } finally {
      rig.onReceived(e -> { });
    }
  }

  /** CPU of this JVM so far, all threads, or -1 where the platform does not tell. */
  private static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return -1;
  }
}

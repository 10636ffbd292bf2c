package io.parley.bench.agent;

import io.parley.bench.common.BenchException;
import io.parley.bench.common.Percentiles;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends at a fixed rate, round-robin over the connections, and records for each message the
 * time from sendText to {@code message.received} on the other side.
 */
final class LatencyPhase {
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private LatencyPhase() {}

  static Percentiles run(BenchRig rig, List<BenchRig.Link> links, int messages, int rate)
      throws BenchException {
    AtomicLongArray sentAt = new AtomicLongArray(messages);
    long[] latency = new long[messages];
    CountDownLatch received = new CountDownLatch(messages);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    rig.onReceived(e -> {
      long now = System.nanoTime();
      int i = Texts.indexOf(e.data());
      if (i >= 0 && i < messages) {
        latency[i] = now - sentAt.get(i);
        received.countDown();
      }
    });
    long period = NANOS_PER_SECOND / rate;
    long start = System.nanoTime();
    for (int i = 0; i < messages && failure.get() == null; i++) {
      long target = start + i * period;
      for (long now = System.nanoTime(); now < target; now = System.nanoTime()) {
        LockSupport.parkNanos(target - now);
      }
      sentAt.set(i, System.nanoTime());
      rig.sender().sendText(links.get(i % links.size()).senderId(),
          Texts.of(i, BenchOptions.TEXT_BYTES), null).whenComplete((queued, error) -> {
            if (error != null) {
              failure.compareAndSet(null, error);
            }
          });
    }
    try {
      if (!received.await(BenchRig.STEP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        throw new BenchException((messages - received.getCount()) + " of " + messages
            + " messages arrived before the deadline");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BenchException("interrupted", e);
    }
    if (failure.get() != null) {
      throw new BenchException("a send failed: " + failure.get(), failure.get());
    }
    // The latch's countDown/await orders every write to latency before this read.
    return new Percentiles(latency);
  }
}

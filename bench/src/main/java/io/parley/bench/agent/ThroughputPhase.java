package io.parley.bench.agent;

import io.parley.agent.Agent;
import io.parley.bench.common.BenchException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends as fast as the agents go, one sending thread per connection, each keeping at most
 * {@link BenchOptions#window()} messages between sendText and their receipt on the other side;
 * measures from the first sendText to the last {@code message.received}.
 */
final class ThroughputPhase {
  /** Deadline of the whole phase per message, on top of one step timeout. UNIT: milliseconds. */
  private static final long DEADLINE_MILLIS_PER_MESSAGE = 10;

  private ThroughputPhase() {}

  /**
   * Result: {@code messages} received, {@code nanos} from first send to last receipt, and the
   * JVM's CPU time over the phase (relay and both agents, every thread, JIT and GC included).
   */
  record Result(int messages, long nanos, long cpuNanos) {
    double perSecond() {
      return messages * 1e9 / nanos;
    }

    /** CPU per message end to end. UNIT: microseconds. */
    double cpuMicrosPerMessage() {
      return cpuNanos / 1e3 / messages;
    }
  }

  static Result run(BenchRig rig, List<BenchRig.Link> links, int messages, BenchOptions options)
      throws BenchException {
    int c = links.size();
    Map<String, Semaphore> windows = new HashMap<>();
    for (BenchRig.Link link : links) {
      windows.put(link.receiverId(), new Semaphore(options.window()));
    }
    CountDownLatch received = new CountDownLatch(messages);
    AtomicLong lastReceived = new AtomicLong();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    rig.onReceived(e -> {
      Semaphore window = windows.get(e.connectionId());
      if (window != null && Texts.indexOf(e.data()) >= 0) {
        window.release();
        lastReceived.set(System.nanoTime());
        received.countDown();
      }
    });
    long cpuStart = ProcessCpu.nanos();
    long start = System.nanoTime();
    Thread[] senders = new Thread[c];
    for (int k = 0; k < c; k++) {
      BenchRig.Link link = links.get(k);
      int share = messages / c + (k < messages % c ? 1 : 0);
      Semaphore window = windows.get(link.receiverId());
      senders[k] = new Thread(() -> send(rig.sender(), link.senderId(), share, window, options,
          failure), "bench-sender-" + k);
      senders[k].start();
    }
    long deadlineMillis = TimeUnit.SECONDS.toMillis(BenchRig.STEP_TIMEOUT_SECONDS)
        + messages * DEADLINE_MILLIS_PER_MESSAGE;
    try {
      boolean done = received.await(deadlineMillis, TimeUnit.MILLISECONDS);
      for (Thread t : senders) {
        t.join(TimeUnit.SECONDS.toMillis(BenchRig.STEP_TIMEOUT_SECONDS));
      }
      if (failure.get() != null) {
        throw new BenchException("a send failed: " + failure.get(), failure.get());
      }
      if (!done) {
        throw new BenchException((messages - received.getCount()) + " of " + messages
            + " messages arrived before the deadline");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BenchException("interrupted", e);
    }
    return new Result(messages, lastReceived.get() - start, ProcessCpu.nanos() - cpuStart);
  }

  private static void send(Agent agent, String connectionId, int count, Semaphore window,
      BenchOptions options, AtomicReference<Throwable> failure) {
    try {
      for (int i = 0; i < count && failure.get() == null; i++) {
        if (!window.tryAcquire(BenchRig.STEP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
          failure.compareAndSet(null, new BenchException("no receipt within "
              + BenchRig.STEP_TIMEOUT_SECONDS + " s"));
          return;
        }
        agent.sendText(connectionId, Texts.of(i, BenchOptions.TEXT_BYTES), null)
            .whenComplete((queued, error) -> {
              if (error != null) {
                failure.compareAndSet(null, error);
              }
            });
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

package io.parley.bench.api;

import io.parley.agent.event.AgentEvent;
import io.parley.bench.common.BenchException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Counts the texts Bob's agent has received, so a phase can wait until the previous one's
 * messages have all been delivered and measure on a quiet system. Thread-safe.
 */
final class DrainWait implements Consumer<AgentEvent> {
  /** Longest wait for a backlog to drain. UNIT: seconds. */
  static final long MAX_DRAIN_SECONDS = 600;
  private final AtomicLong received = new AtomicLong();

  @Override
  public void accept(AgentEvent e) {
    if (AgentEvent.MESSAGE_RECEIVED.equals(e.type())) {
      synchronized (this) {
        received.incrementAndGet();
        notifyAll();
      }
    }
  }

  /** Waits until Bob has received {@code total} texts in all. */
  synchronized void until(long total) throws InterruptedException, BenchException {
    long deadline = System.nanoTime() + MAX_DRAIN_SECONDS * 1_000_000_000L;
    while (received.get() < total) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new BenchException("only " + received.get() + " of " + total
            + " messages were delivered");
      }
      wait(Math.max(1, left / 1_000_000));
    }
  }
}

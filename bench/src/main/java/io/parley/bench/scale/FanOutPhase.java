package io.parley.bench.scale;

import io.parley.agent.model.QueuedMessage;
import io.parley.bench.common.BenchException;
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

  record Result(int messages, long queuedNanos, long deliveredNanos) {}

  static Result run(ScaleRig rig, List<ScaleRig.Link> links, int count, int bytes)
      throws BenchException, InterruptedException {
    String alert = "alert ".repeat(bytes / 6 + 1).substring(0, bytes);
    CountDownLatch received = new CountDownLatch(count);
    rig.onReceived(e -> received.countDown());
    try {
      long start = System.nanoTime();
      @SuppressWarnings("unchecked")
      CompletableFuture<QueuedMessage>[] sends = new CompletableFuture[count];
      for (int i = 0; i < count; i++) {
        sends[i] = rig.sender().sendText(links.get(i).senderId(), alert, null);
      }
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
      return new Result(count, queued, System.nanoTime() - start);
    } finally {
      rig.onReceived(e -> { });
    }
  }
}

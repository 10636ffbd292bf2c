package io.parley.bench.scale;

import io.parley.bench.common.BenchException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Makes the connections with a bounded number of handshakes under way at once: each handshake
 * is a few round trips to the relays, so a serial set-up would leave the cores idle.
 */
final class SetUpPhase {
  /** Deadline of one connection from invitation to both established. UNIT: seconds. */
  static final long CONNECTION_TIMEOUT_SECONDS = 120;
  /** Progress lines printed during the set-up. UNIT: lines. */
  private static final int PROGRESS_LINES = 10;

  private SetUpPhase() {}

  record Result(List<ScaleRig.Link> links, long nanos) {
    double perSecond() {
      return links.size() / (nanos / 1e9);
    }
  }

  static Result run(ScaleRig rig, int count, int concurrency, PrintStream out)
      throws BenchException, InterruptedException {
    ScaleRig.Link[] links = new ScaleRig.Link[count];
    Semaphore slots = new Semaphore(concurrency);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    int step = Math.max(1, count / PROGRESS_LINES);
    long start = System.nanoTime();
    for (int i = 0; i < count && failure.get() == null; i++) {
      if (!slots.tryAcquire(CONNECTION_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        throw new BenchException("no connection finished within " + CONNECTION_TIMEOUT_SECONDS
            + " s");
      }
      int index = i;
      rig.connect().orTimeout(CONNECTION_TIMEOUT_SECONDS, TimeUnit.SECONDS)
          .whenComplete((link, x) -> {
            if (x != null) {
              failure.compareAndSet(null, x);
            } else {
              links[index] = link;
              rig.forget(link);
            }
            slots.release();
          });
      if ((i + 1) % step == 0 && i + 1 < count) {
        out.printf(Locale.ROOT, "  set-up: %d connections started in %.1f s%n", i + 1,
            (System.nanoTime() - start) / 1e9);
      }
    }
    if (!slots.tryAcquire(concurrency, CONNECTION_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      throw new BenchException("the last connections did not finish within "
          + CONNECTION_TIMEOUT_SECONDS + " s");
    }
    long nanos = System.nanoTime() - start;
    if (failure.get() != null) {
      throw new BenchException("a connection failed: " + failure.get(), failure.get());
    }
    return new Result(new ArrayList<>(Arrays.asList(links)), nanos);
  }
}

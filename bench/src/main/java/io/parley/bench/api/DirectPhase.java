package io.parley.bench.api;

import io.parley.agent.Agent;
import io.parley.bench.common.BenchException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The same sends as {@link SendPhase} made in-process with {@code Agent.sendText}, without
 * HTTP: the agent's own ceiling on this machine, to compare the API against.
 */
final class DirectPhase {
  private DirectPhase() {}

  static SendPhase.Result run(Agent agent, List<String> connections, int sends,
      int concurrency, String text) throws InterruptedException, BenchException {
    Semaphore window = new Semaphore(concurrency);
    CountDownLatch done = new CountDownLatch(sends);
    AtomicInteger accepted = new AtomicInteger();
    long t0 = System.nanoTime();
    for (int i = 0; i < sends; i++) {
      window.acquire();
      agent.sendText(connections.get(i % connections.size()), text, null).whenComplete((q, e) -> {
        if (e == null) {
          accepted.incrementAndGet();
        }
        window.release();
        done.countDown();
      });
    }
    if (!done.await(ApiBenchRig.STEP_TIMEOUT_SECONDS * 5, TimeUnit.SECONDS)) {
      throw new BenchException("direct sends did not complete in time");
    }
    return new SendPhase.Result(accepted.get(), sends - accepted.get(),
        System.nanoTime() - t0);
  }
}

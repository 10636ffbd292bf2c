package io.parley.agent.internal.delivery;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The agent's timers on a real Quartz scheduler: one-shots always fire, at their own time, and
 * a timer set again under the same key replaces the old one entirely. Tests that must set
 * timers before any can fire first hold the scheduler's only worker thread (see
 * {@link #holdTimers}), so a slow machine cannot reorder them.
 */
class RetrySchedulerTest {
  /** Generous for a loaded 2-core machine. UNIT: seconds. */
  private static final long DEADLINE_SECONDS = 15;
  private static final String GROUP = "retry";
  /** Quartz fires up to this much before a trigger's time. UNIT: milliseconds. */
  private static final long EARLY_FIRING_MILLIS = 5;

  private final ExecutorService pool = Executors.newFixedThreadPool(2);
  /** The task whose hand-off holds the scheduler until {@link #release} opens. */
  private final Runnable hold = () -> { };
  private final CountDownLatch holding = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);
  private final Executor executor = this::execute;
  private final List<RetryScheduler> schedulers = new ArrayList<>();

  @AfterEach
  void stop() {
    release.countDown();
    schedulers.forEach(RetryScheduler::close);
    pool.shutdownNow();
  }

  @Test
  void aOneShotRunsOnASchedulerCreatedAfterAnotherWasClosedInTheSameJvm() throws Exception {
    for (int restart = 0; restart < 5; restart++) {
      RetryScheduler s = scheduler();
      CountDownLatch ran = new CountDownLatch(1);
      s.once(GROUP, "connection", 10, ran::countDown);
      await(ran, "one-shot after restart " + restart);
      s.close();
    }
  }

  @Test
  void aOneShotDueInThePastRunsAtOnceWhileALaterTimerWaits() throws Exception {
    RetryScheduler s = scheduler();
    AtomicInteger later = new AtomicInteger();
    s.once(GROUP, "later", 10_000, later::incrementAndGet);
    CountDownLatch ran = new CountDownLatch(1);

    s.once(GROUP, "overdue", -60_000, ran::countDown);

    await(ran, "overdue one-shot");
    assertEquals(0, later.get(), "the later timer ran early");
  }

  @Test
  void aTimerSetAgainLaterRunsOnlyTheNewTaskOnlyAtItsNewTime() throws Exception {
    RetryScheduler s = scheduler();
    AtomicInteger oldTask = new AtomicInteger();
    AtomicInteger newTask = new AtomicInteger();
    AtomicLong firstRunMillis = new AtomicLong(-1);
    CountDownLatch ran = new CountDownLatch(1);
    holdTimers(s);
    s.once(GROUP, "connection", 0, oldTask::incrementAndGet);
    long setAgain = System.nanoTime();
    s.once(GROUP, "connection", 500, () -> {
      if (newTask.incrementAndGet() == 1) {
        firstRunMillis.set(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - setAgain));
      }
      ran.countDown();
    });

    release.countDown();
    await(ran, "the new task");

    assertTrue(firstRunMillis.get() >= 500 - EARLY_FIRING_MILLIS,
        "the new task ran at the replaced timer's time, after " + firstRunMillis.get() + " ms");
    // Timers fire in time order on one thread: what was left of the old one fired first.
    assertEquals(0, oldTask.get());
    assertEquals(1, newTask.get());
  }

  @Test
  void aTimerSetAgainSoonerRunsTheNewTaskOnceAndNothingAtTheOldTime() throws Exception {
    RetryScheduler s = scheduler();
    AtomicInteger oldTask = new AtomicInteger();
    AtomicInteger newTask = new AtomicInteger();
    CountDownLatch past = new CountDownLatch(1);
    holdTimers(s);
    s.once(GROUP, "connection", 300, oldTask::incrementAndGet);
    s.once(GROUP, "connection", 0, newTask::incrementAndGet);
    s.once(GROUP, "after-the-old-time", 600, past::countDown);

    release.countDown();
    await(past, "a timer due after the replaced one");

    assertEquals(0, oldTask.get());
    assertEquals(1, newTask.get(), "the replaced timer still fired");
  }

  @Test
  void aCancelledTimerDoesNotRunEvenWhenItsTimeIsUp() throws Exception {
    RetryScheduler s = scheduler();
    AtomicInteger cancelled = new AtomicInteger();
    CountDownLatch past = new CountDownLatch(1);
    holdTimers(s);
    s.once(GROUP, "connection", 0, cancelled::incrementAndGet);
    s.once(GROUP, "after-it", 200, past::countDown);
    s.cancel(GROUP, "connection");

    release.countDown();
    await(past, "a timer due after the cancelled one");

    assertEquals(0, cancelled.get());
  }

  @Test
  void hundredsOfOneShotsAllRunExactlyOnce() throws Exception {
    RetryScheduler s = scheduler();
    int n = 500;
    AtomicInteger[] runs = new AtomicInteger[n];
    CountDownLatch all = new CountDownLatch(n);
    for (int i = 0; i < n; i++) {
      AtomicInteger r = new AtomicInteger();
      runs[i] = r;
      s.once(GROUP, "connection-" + i, i % 50 - 10, () -> {
        r.incrementAndGet();
        all.countDown();
      });
    }

    await(all, "every one-shot");

    for (int i = 0; i < n; i++) {
      assertEquals(1, runs[i].get(), "runs of one-shot " + i);
    }
  }

  @Test
  void aTimerSetAgainFromItsOwnTaskKeepsFiring() throws Exception {
    RetryScheduler s = scheduler();
    int chains = 10;
    int links = 40;
    CountDownLatch done = new CountDownLatch(chains);
    for (int c = 0; c < chains; c++) {
      String key = "connection-" + c;
      AtomicInteger count = new AtomicInteger();
      Runnable[] link = new Runnable[1];
      // As a retry does: the task that fired sets the next timer under its own key.
      link[0] = () -> {
        if (count.incrementAndGet() < links) {
          s.once(GROUP, key, count.get() % 3, link[0]);
        } else {
          done.countDown();
        }
      };
      s.once(GROUP, key, 0, link[0]);
    }

    await(done, "every chain of timers");
  }

  @Test
  void aPeriodicTimerKeepsRunning() throws Exception {
    RetryScheduler s = scheduler();
    CountDownLatch thrice = new CountDownLatch(3);

    s.every("sweep", "sweep", 30, thrice::countDown);

    await(thrice, "three runs of the periodic timer");
  }

  @Test
  void aTimerSetOnAClosedSchedulerIsDroppedQuietly() throws Exception {
    RetryScheduler s = scheduler();
    AtomicInteger runs = new AtomicInteger();
    s.close();

    assertDoesNotThrow(() -> s.once(GROUP, "connection", 0, runs::incrementAndGet));
    assertDoesNotThrow(() -> s.cancel(GROUP, "connection"));
    assertEquals(0, runs.get());
  }

  /**
   * Fires a timer whose hand-off blocks until {@link #release} opens: while it does, the
   * scheduler's one worker thread is taken and no other timer fires.
   */
  private void holdTimers(RetryScheduler s) throws InterruptedException {
    s.once(GROUP, "hold", 0, hold);
    await(holding, "the scheduler to be held");
  }

  private void execute(Runnable task) {
    if (task == hold) {
      holding.countDown();
      try {
        release.await(DEADLINE_SECONDS, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    pool.execute(task);
  }

  private RetryScheduler scheduler() throws Exception {
    RetryScheduler s = new RetryScheduler(executor);
    schedulers.add(s);
    return s;
  }

  private static void await(CountDownLatch latch, String what) throws InterruptedException {
    assertTrue(latch.await(DEADLINE_SECONDS, TimeUnit.SECONDS),
        "timed out after " + DEADLINE_SECONDS + " s waiting for " + what);
  }
}

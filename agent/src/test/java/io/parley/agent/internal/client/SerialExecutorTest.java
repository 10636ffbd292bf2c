package io.parley.agent.internal.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SerialExecutorTest {
  private final ExecutorService pool = Executors.newFixedThreadPool(4);

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  @Test
  void tasksRunOneAtATimeInSubmissionOrderOnAMultiThreadedPool() throws Exception {
    SerialExecutor serial = new SerialExecutor(pool);
    int n = 5_000;
    List<Integer> seen = new ArrayList<>();
    AtomicInteger running = new AtomicInteger();
    AtomicInteger overlaps = new AtomicInteger();
    CountDownLatch done = new CountDownLatch(n);
    for (int i = 0; i < n; i++) {
      int v = i;
      serial.execute(() -> {
        if (running.incrementAndGet() > 1) {
          overlaps.incrementAndGet();
        }
        seen.add(v);
        running.decrementAndGet();
        done.countDown();
      });
    }
    assertTrue(done.await(10, TimeUnit.SECONDS));
    assertEquals(0, overlaps.get());
    for (int i = 0; i < n; i++) {
      assertEquals(i, seen.get(i));
    }
  }

  @Test
  void aThrowingTaskDoesNotStopTheTasksBehindIt() throws Exception {
    SerialExecutor serial = new SerialExecutor(pool);
    CountDownLatch after = new CountDownLatch(1);
    serial.execute(() -> {
      throw new IllegalStateException("listener bug");
    });
    serial.execute(after::countDown);
    assertTrue(after.await(5, TimeUnit.SECONDS));
  }

  @Test
  void aShutDownDelegateDropsTasksWithoutThrowingAtTheCaller() {
    ExecutorService gone = Executors.newSingleThreadExecutor();
    gone.shutdown();
    SerialExecutor serial = new SerialExecutor(gone);
    AtomicInteger ran = new AtomicInteger();
    serial.execute(ran::incrementAndGet);
    serial.execute(ran::incrementAndGet);
    assertEquals(0, ran.get());
  }

  @Test
  void aSerialExecutorThatMustNotLoseTasksRunsThemInOrderOnTheCallerOnceTheDelegateIsDown() {
    ExecutorService gone = Executors.newSingleThreadExecutor();
    gone.shutdown();
    SerialExecutor serial = new SerialExecutor(gone, true);
    List<String> ran = new ArrayList<>();
    serial.execute(() -> ran.add("first " + Thread.currentThread().getName()));
    serial.execute(() -> ran.add("second " + Thread.currentThread().getName()));
    String here = Thread.currentThread().getName();
    assertEquals(List.of("first " + here, "second " + here), ran);
  }

  @Test
  void tasksSubmittedWhileATurnRunsJoinItInsteadOfTakingAnotherPoolTask() throws Exception {
    AtomicInteger handedOff = new AtomicInteger();
    SerialExecutor serial = new SerialExecutor(task -> {
      handedOff.incrementAndGet();
      pool.execute(task);
    });
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(11);
    serial.execute(() -> {
      awaitQuietly(release);
      done.countDown();
    });
    for (int i = 0; i < 10; i++) {
      serial.execute(done::countDown);
    }
    release.countDown();
    assertTrue(done.await(5, TimeUnit.SECONDS));
    assertEquals(1, handedOff.get(), "one hand-off for the whole burst");
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

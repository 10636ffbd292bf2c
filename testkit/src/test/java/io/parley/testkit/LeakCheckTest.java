package io.parley.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/** Runs small test classes through the JUnit launcher and checks what LeakCheck made of them. */
class LeakCheckTest {
  /** Holds the leaked thread of {@link Leaky} until this test releases it. */
  static final CountDownLatch RELEASE = new CountDownLatch(1);

  static class Leaky {
    @RegisterExtension
    static final LeakCheck CHECK = new LeakCheck(Duration.ofMillis(200));

    @Test
    void leavesANonDaemonThreadRunning() {
      Thread t = new Thread(() -> Await.latch("released", RELEASE), "leaked-by-test");
      t.start();
    }
  }

  @ExtendWith(LeakCheck.class)
  static class Crashing {
    @Test
    void letsAThreadDieOfAnUncaughtException() throws InterruptedException {
      Thread t = new Thread(() -> {
        throw new IllegalStateException("worker crashed");
      }, "crashing-worker");
      t.setDaemon(true);
      t.start();
      t.join();
    }
  }

  @ExtendWith(LeakCheck.class)
  static class Tidy {
    private Thread worker;

    @Test
    void startsAThreadItsCleanupStops() {
      worker = new Thread(() -> Await.latch("stopped", new CountDownLatch(0)), "tidy-worker");
      worker.start();
    }

    @AfterEach
    void stop() throws InterruptedException {
      worker.join();
    }
  }

  private static TestExecutionSummary run(Class<?> testClass) {
    Launcher launcher = LauncherFactory.create();
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(testClass))
        .build(), listener);
    return listener.getSummary();
  }

  private static String failureMessage(TestExecutionSummary summary) {
    return summary.getFailures().get(0).getException().getMessage();
  }

  @Test
  void aTestClassLeavingANonDaemonThreadRunningFailsNamingTheThread() throws InterruptedException {
    try {
      TestExecutionSummary summary = run(Leaky.class);
      assertEquals(1, summary.getTotalFailureCount());
      assertTrue(failureMessage(summary).contains("leaked-by-test"), failureMessage(summary));
    } finally {
      RELEASE.countDown();
    }
  }

  @Test
  void aTestClassWhoseThreadDiesOfAnUncaughtExceptionFails() {
    TestExecutionSummary summary = run(Crashing.class);
    assertEquals(1, summary.getTotalFailureCount());
    assertTrue(failureMessage(summary).contains("worker crashed"), failureMessage(summary));
  }

  @Test
  void aTestClassThatStopsWhatItStartedPasses() {
    TestExecutionSummary summary = run(Tidy.class);
    assertEquals(0, summary.getTotalFailureCount(),
        () -> summary.getFailures().isEmpty() ? "" : failureMessage(summary));
    assertEquals(1, summary.getTestsSucceededCount());
  }
}

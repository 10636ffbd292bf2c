package io.parley.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class that leaves a non-daemon thread running or lets a thread die of an
 * uncaught exception. Register it with {@code @ExtendWith(LeakCheck.class)} on test classes that
 * start relays, agents or daemons. It checks once the whole class has run, after its own
 * cleanup ({@code @AfterEach}, {@code @AfterAll}, extensions on fields): a relay shared by the
 * class's tests starts its event-loop threads lazily, in whichever test connects first, so a
 * check after each test would blame that test for the class's fixture.
 *
 * <p>Threads a test started but that are already stopping (event loops shut down gracefully)
 * get {@link #STOP_GRACE} (or what the constructor was given) to end. Tests run one at a time per JVM (the build runs no parallel
 * tests), which the JVM-wide uncaught-exception handler relies on.
 */
public final class LeakCheck implements BeforeAllCallback, AfterAllCallback {
  /** How long a thread the tests started may take to end after their cleanup. */
  public static final Duration STOP_GRACE = Duration.ofSeconds(5);
  /**
   * Threads the JVM's test run shares rather than a test owns: Netty's global executor (it ends
   * by itself a second after its last task) and JUnit's timeout watcher (started by the first
   * test under a timeout, stopped when the run ends).
   */
  private static final List<String> SHARED_THREAD_PREFIXES =
      List.of("globalEventExecutor", "junit-jupiter-timeout-watcher");

  private static final ExtensionContext.Namespace NS =
      ExtensionContext.Namespace.create(LeakCheck.class);

  private final Duration stopGrace;

  /** The check with {@link #STOP_GRACE}, for {@code @ExtendWith}. */
  public LeakCheck() {
    this(STOP_GRACE);
  }

  /** The check giving started threads {@code stopGrace} to end. */
  public LeakCheck(Duration stopGrace) {
    this.stopGrace = stopGrace;
  }

  private record Watch(Set<Thread> before, Thread.UncaughtExceptionHandler previous,
      List<String> uncaught) {}

  @Override
  public void beforeAll(ExtensionContext context) {
    List<String> uncaught = Collections.synchronizedList(new ArrayList<>());
    Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
    Thread.setDefaultUncaughtExceptionHandler((thread, error) -> {
      uncaught.add(thread.getName() + ": " + error);
      if (previous != null) {
        previous.uncaughtException(thread, error);
      } else {
        error.printStackTrace();
      }
    });
    context.getStore(NS).put(Watch.class, new Watch(Set.copyOf(liveThreads()), previous,
        uncaught));
  }

  @Override
  public void afterAll(ExtensionContext context) {
    Watch watch = context.getStore(NS).remove(Watch.class, Watch.class);
    if (watch == null) {
      return;
    }
    Thread.setDefaultUncaughtExceptionHandler(watch.previous());
    List<Thread> leaked = awaitStarted(watch.before(), stopGrace);
    List<String> problems = new ArrayList<>();
    if (!leaked.isEmpty()) {
      problems.add("non-daemon threads still running " + stopGrace + " after the tests: "
          + leaked.stream().map(Thread::getName).collect(Collectors.joining(", ")));
    }
    synchronized (watch.uncaught()) {
      if (!watch.uncaught().isEmpty()) {
        problems.add("threads died of uncaught exceptions: " + watch.uncaught());
      }
    }
    if (!problems.isEmpty() && context.getExecutionException().isEmpty()) {
      throw new AssertionError(String.join("; ", problems));
    }
  }

  /** The non-daemon threads started during the class that outlive {@code grace}. */
  private static List<Thread> awaitStarted(Set<Thread> before, Duration grace) {
    Deadline deadline = Deadline.after(grace);
    while (true) {
      List<Thread> started = liveThreads().stream()
          .filter(t -> !before.contains(t) && !t.isDaemon() && !shared(t)).toList();
      if (started.isEmpty() || deadline.passed()) {
        return started;
      }
      for (Thread t : started) {
        try {
          t.join(Math.max(1, deadline.remaining().toMillis()));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return started;
        }
      }
    }
  }

  private static boolean shared(Thread t) {
    return SHARED_THREAD_PREFIXES.stream().anyMatch(p -> t.getName().startsWith(p));
  }

  private static Set<Thread> liveThreads() {
    return Thread.getAllStackTraces().keySet();
  }
}

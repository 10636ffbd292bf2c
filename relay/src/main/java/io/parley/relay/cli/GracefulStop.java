package io.parley.relay.cli;

import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Runs a stop action once, on SIGTERM or SIGINT, then exits with status 0; or from a shutdown
 * hook on any other way the JVM ends.
 *
 * <p>Why signals and not only a shutdown hook: once the JVM shuts down on a signal it exits
 * with 143 whatever the hooks do, and java.util.logging resets its handlers in a hook of its
 * own, concurrently, so a graceful stop logged from a hook is usually lost. Handling the signal
 * first stops while logging still works, then exits with the status of the stop.
 * {@code sun.misc.Signal} is the JDK's supported way to do that (module jdk.unsupported).
 *
 * <p>Thread-safe: the action runs at most once, whichever path comes first.
 */
public final class GracefulStop {
  /** Exit status after a stop that completed. */
  public static final int EXIT_STOPPED = 0;
  /** Exit status when the stop action itself failed. */
  public static final int EXIT_STOP_FAILED = 1;
  private static final String[] SIGNALS = {"TERM", "INT"};
  private static final System.Logger LOG = System.getLogger(GracefulStop.class.getName());

  private final Runnable action;
  private final AtomicBoolean ran = new AtomicBoolean();

  private GracefulStop(Runnable action) {
    this.action = action;
  }

  /** Installs {@code action} for SIGTERM, SIGINT and JVM shutdown. */
  public static void install(Runnable action) {
    GracefulStop stop = new GracefulStop(action);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      if (stop.claim()) {
        stop.run();
      }
    }, "relay-shutdown"));
    // A second signal while the first stop drains is ignored: exiting then would cut it short.
    SignalHandler onSignal = signal -> {
      if (stop.claim()) {
        System.exit(stop.run() ? EXIT_STOPPED : EXIT_STOP_FAILED);
      }
    };
    for (String name : SIGNALS) {
      try {
        Signal.handle(new Signal(name), onSignal);
      } catch (IllegalArgumentException e) {
        // The JVM keeps this signal (e.g. -Xrs): the shutdown hook still stops gracefully.
        LOG.log(Level.DEBUG, "cannot handle SIG" + name + ": " + e.getMessage());
      }
    }
  }

  /** True for the first caller only: it runs the action. */
  private boolean claim() {
    return ran.compareAndSet(false, true);
  }

  /** Runs the action; false if it threw. */
  private boolean run() {
    try {
      action.run();
      return true;
    } catch (RuntimeException e) {
      LOG.log(Level.ERROR, "stopping the relay failed: " + e);
      return false;
    }
  }
}

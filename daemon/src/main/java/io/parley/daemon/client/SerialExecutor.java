package io.parley.daemon.client;

import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs tasks one at a time, in submission order, on a shared delegate executor, so one relay's
 * listener calls stay ordered without a thread of their own. A task that throws is logged and
 * does not stop later ones. Thread-safe.
 */
final class SerialExecutor implements Executor {
  /** Tasks run per turn on the delegate before yielding it to other work. */
  static final int TASKS_PER_TURN = 64;

  private static final System.Logger LOG = System.getLogger(SerialExecutor.class.getName());

  private final Executor delegate;
  private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
  private boolean scheduled;

  SerialExecutor(Executor delegate) {
    this.delegate = delegate;
  }

  @Override
  public void execute(Runnable task) {
    synchronized (this) {
      tasks.add(task);
      if (scheduled) {
        return;
      }
      scheduled = true;
    }
    schedule();
  }

  /** Tasks submitted and not yet started. */
  synchronized int backlog() {
    return tasks.size();
  }

  private void schedule() {
    try {
      delegate.execute(this::runTurn);
    } catch (RejectedExecutionException e) {
      // The owner shut its executor down: nobody is left to hear these events.
      synchronized (this) {
        tasks.clear();
        scheduled = false;
      }
      LOG.log(Level.DEBUG, "listener executor rejected a task; events dropped");
    }
  }

  private void runTurn() {
    boolean drained = false;
    try {
      for (int i = 0; i < TASKS_PER_TURN; i++) {
        Runnable next;
        synchronized (this) {
          next = tasks.poll();
          if (next == null) {
            scheduled = false;
            drained = true;
            return;
          }
        }
        try {
          next.run();
        } catch (RuntimeException e) {
          // The class name only: a listener's message could quote what it was handling.
          LOG.log(Level.WARNING, "relay listener threw " + e.getClass().getName());
        }
      }
    } finally {
      // Also after an Error escaped a task, so the tasks behind it are not stranded.
      if (!drained) {
        schedule();
      }
    }
  }
}

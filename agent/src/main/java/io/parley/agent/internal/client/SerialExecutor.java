package io.parley.agent.internal.client;

import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs tasks one at a time, in submission order, on a shared delegate executor, so one relay's
 * listener calls stay ordered without a thread of their own. A task that throws is logged and
 * does not stop later ones. Tasks submitted while a turn runs join it, so a burst costs one
 * hand-off to the delegate (one thread wake-up) rather than one per task. Thread-safe.
 */
final class SerialExecutor implements Executor {
  /** Tasks run per turn on the delegate before yielding it to other work. */
  static final int TASKS_PER_TURN = 64;

  private static final System.Logger LOG = System.getLogger(SerialExecutor.class.getName());

  private final Executor delegate;
  private final boolean runWhenRejected;
  private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
  private boolean scheduled;

  /** Drops the queued tasks once the delegate rejects them (it was shut down). */
  SerialExecutor(Executor delegate) {
    this(delegate, false);
  }

  /**
   * With {@code runWhenRejected}, tasks the delegate rejects run on the thread that found it
   * shut down instead of being dropped, for tasks that must not be lost (completing futures
   * that callers wait on).
   */
  SerialExecutor(Executor delegate, boolean runWhenRejected) {
    this.delegate = delegate;
    this.runWhenRejected = runWhenRejected;
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
      if (runWhenRejected) {
        runHere();
        return;
      }
      // The owner shut its executor down: nobody is left to hear these events.
      synchronized (this) {
        tasks.clear();
        scheduled = false;
      }
      LOG.log(Level.DEBUG, "listener executor rejected a task; events dropped");
    }
  }

  /** Runs every queued task on this thread, including those queued meanwhile. */
  private void runHere() {
    while (runNext()) {
      // Tasks submitted meanwhile see the turn scheduled and leave their task to this loop.
    }
  }

  private void runTurn() {
    boolean drained = false;
    try {
      for (int i = 0; i < TASKS_PER_TURN; i++) {
        if (!runNext()) {
          drained = true;
          return;
        }
      }
    } finally {
      // Also after an Error escaped a task, so the tasks behind it are not stranded.
      if (!drained) {
        schedule();
      }
    }
  }

  /** Runs the next task; returns false, ending the turn, once there is none. */
  private boolean runNext() {
    Runnable next;
    synchronized (this) {
      next = tasks.poll();
      if (next == null) {
        scheduled = false;
        return false;
      }
    }
    try {
      next.run();
    } catch (RuntimeException e) {
      // The class name only: a listener's message could quote what it was handling.
      LOG.log(Level.WARNING, "a relay client task threw " + e.getClass().getName());
    }
    return true;
  }
}

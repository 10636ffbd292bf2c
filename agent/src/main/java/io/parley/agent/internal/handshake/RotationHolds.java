package io.parley.agent.internal.handshake;

import java.util.function.Consumer;

/**
 * Test hook: a crash test holds the thread that reaches one rotation step, so that it can kill
 * the process exactly there, between two stored units. Production code never installs one; a
 * step pays one volatile read. Thread-safe.
 */
public final class RotationHolds {
  /** Where a rotation can be held. */
  public enum Step {
    /** The peer stored the offered queue (and its mark) but has not sealed its switch yet. */
    BEFORE_QUEUE_USE,
    /** The relay deleted a replaced queue, and its rows are still stored. */
    AFTER_REPLACED_QUEUE_DELETED
  }

  private static volatile Consumer<Step> hook;

  private RotationHolds() {}

  /** Calls {@code h} (which may block for good) on the thread reaching each step. */
  public static void install(Consumer<Step> h) {
    hook = h;
  }

  static void reach(Step step) {
    Consumer<Step> h = hook;
    if (h != null) {
      h.accept(step);
    }
  }
}

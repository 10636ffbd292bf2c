package io.parley.agent.internal.store;

import java.util.concurrent.CompletableFuture;

/**
 * Keeps write units built from an in-memory copy (a connection's ratchet and chains, which run
 * ahead of the database) from committing once an earlier unit of the same copy failed. Every
 * such unit stores a snapshot of the whole copy, so a later unit that committed would make the
 * failed unit's changes durable without the rest of it: a ratchet turned past a message that
 * was never stored. A unit is submitted with the fence's current generation
 * ({@link Database#write(WriteFence, StoreTransaction)}); when a unit fails (it threw, its
 * commit failed, or the queue refused it) the writer closes that generation before it runs
 * anything else, and every later unit of it fails without running. The owner then reloads its
 * copy from the database and {@linkplain #reopen reopens} the fence with a new generation.
 *
 * <p>Thread-safety: {@link #generation}, {@link #close} and {@link #reopen} are called while
 * holding the owner's monitor (the same one the units are built under); the writer thread
 * reads and closes generations concurrently.
 */
public final class WriteFence {
  private static final CompletableFuture<Void> NOTHING_PENDING =
      CompletableFuture.completedFuture(null);

  private volatile long generation;
  /** Highest generation in which a unit failed; -1 before any. */
  private volatile long failedGeneration = -1;
  private volatile CompletableFuture<?> lastWrite = NOTHING_PENDING;

  /** The generation units built now belong to. */
  public long generation() {
    return generation;
  }

  /**
   * Whether a unit of the current generation failed: memory may hold changes the database does
   * not, and nothing built from it may be stored until it is reloaded.
   */
  public boolean broken() {
    return failedGeneration >= generation;
  }

  /**
   * Refuses every unit of the current generation not yet run (before reloading the copy on
   * purpose); returns that generation, to pass to {@link #reopen}.
   */
  public long close() {
    long g = generation;
    failed(g);
    return g;
  }

  /**
   * After the copy was reloaded from the database: units built from now on may commit. Does
   * nothing if another reload reopened {@code closedGeneration} already.
   *
   * @return whether this call reopened it
   */
  public boolean reopen(long closedGeneration) {
    if (generation != closedGeneration) {
      return false;
    }
    // The reloaded copy is what is durable; a failed unit of the old generation must not keep
    // a repeat of a stored message from being acknowledged.
    lastWrite = NOTHING_PENDING;
    generation = closedGeneration + 1;
    return true;
  }

  /**
   * The future of the last unit submitted through this fence: once it succeeds, every earlier
   * one did too (a later unit never commits after an earlier one failed).
   */
  public CompletableFuture<?> lastWrite() {
    return lastWrite;
  }

  void submitted(CompletableFuture<?> future) {
    lastWrite = future;
  }

  /** Whether a unit of {@code unitGeneration} may run. Writer thread. */
  boolean admits(long unitGeneration) {
    return unitGeneration == generation && unitGeneration > failedGeneration;
  }

  /** A unit of {@code unitGeneration} failed. */
  synchronized void failed(long unitGeneration) {
    if (unitGeneration > failedGeneration) {
      failedGeneration = unitGeneration;
    }
  }
}

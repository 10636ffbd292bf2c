package io.parley.agent.internal.store;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The single writer: one thread owns the write connection and commits queued write units in
 * groups. It takes everything queued (up to {@code maxBatchUnits}), runs each unit in its own
 * savepoint inside one transaction, commits once (one fsync for the group) and only then
 * completes the units' futures, on a separate completion thread so that callers' continuations
 * can never stall or deadlock the writer. Thread-safe: {@link #submit} may be called from any
 * thread.
 */
final class GroupCommitWriter implements AutoCloseable {
  /** How long {@link #close} waits for the last futures to be completed. UNIT: seconds. */
  private static final long COMPLETION_DRAIN_SECONDS = 30;

  private static final System.Logger LOG = System.getLogger(GroupCommitWriter.class.getName());
  private static final AtomicInteger THREAD_IDS = new AtomicInteger();
  private static final PendingWrite<Void> STOP = new PendingWrite<>(null);

  private final StatementCache statements; // used by the writer thread only
  private final Consumer<List<EventRow>> afterCommit;
  private final Clock clock;
  private final int maxBatchUnits;
  private final int maxQueuedWrites;
  private final BlockingQueue<PendingWrite<?>> queue;
  private final Object submitLock = new Object();
  private final ExecutorService completions;
  private final Thread thread;
  private final AtomicLong commits = new AtomicLong();
  private final WriteHealth health;
  private final StoreFaults faults; // null outside tests
  private boolean closed; // guarded by submitLock

  /**
   * With {@code afterCommit} told of every commit and the events it made durable, in sequence
   * order, on the writer thread before any unit's future completes; it must be quick.
   */
  GroupCommitWriter(Connection conn, StoreConfig config,
      Consumer<List<EventRow>> afterCommit, StoreFaults faults) {
    this.afterCommit = afterCommit;
    this.faults = faults;
    this.health = new WriteHealth(config.clock());
    this.statements = new StatementCache(conn);
    this.clock = config.clock();
    this.maxBatchUnits = config.maxBatchUnits();
    this.maxQueuedWrites = config.maxQueuedWrites();
    // One slot more than callers may fill, so that close() can always enqueue STOP.
    this.queue = new LinkedBlockingQueue<>(maxQueuedWrites + 1);
    int id = THREAD_IDS.incrementAndGet();
    this.completions = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "parley-store-completion-" + id);
      t.setDaemon(true);
      return t;
    });
    this.thread = new Thread(this::run, "parley-store-writer-" + id);
    thread.setDaemon(true);
    thread.start();
  }

  /** Queues a unit; the future completes after the unit's batch has committed, or fails. */
  <T> CompletableFuture<T> submit(StoreTransaction<T> work) {
    return submit(null, work);
  }

  /**
   * Queues a unit of {@code fence}'s current generation (null: no fence); the caller holds the
   * monitor of the fence's owner.
   */
  <T> CompletableFuture<T> submit(WriteFence fence, StoreTransaction<T> work) {
    PendingWrite<T> pending = new PendingWrite<>(work, fence);
    if (fence != null) {
      fence.submitted(pending.future);
    }
    StoreException refusal = null;
    if (Thread.currentThread() == thread) {
      // A unit waiting for another unit would wait for itself: fail instead of deadlocking.
      refusal = new StoreException(
          "write() called from inside a write unit; do both changes in the same unit");
    } else {
      synchronized (submitLock) {
        if (closed) {
          refusal = new StoreUnavailableException("the database is closed");
        } else if (queue.size() >= maxQueuedWrites || !queue.offer(pending)) {
          refusal = new StoreUnavailableException(
              "the write queue is full (" + maxQueuedWrites + " units)");
          if (faults != null) {
            faults.noteRefusedFull();
          }
        }
      }
    }
    if (refusal != null) {
      // Refused before the writer saw it: later units of this generation must not commit.
      // (Not judged by the future being done: a queued unit may already have committed.)
      if (fence != null) {
        fence.failed(pending.generation);
      }
      pending.future.completeExceptionally(refusal);
    }
    return pending.future;
  }

  /** The current write failure, if the last attempts failed for want of a working disk. */
  java.util.Optional<WriteHealth.Failure> failure() {
    return health.failure();
  }

  /** Transactions committed so far (each is one fsync), for tests and measurements. */
  long commits() {
    return commits.get();
  }

  /**
   * Refuses new units, waits until every queued unit has committed (or failed) and its future
   * is completed, then stops the threads. The connection stays open; the caller closes it.
   *
   * @throws IllegalStateException if called from inside a write unit, which would wait for
   *     itself
   */
  @Override
  public void close() {
    if (Thread.currentThread() == thread) {
      throw new IllegalStateException("close() called from inside a write unit");
    }
    synchronized (submitLock) {
      if (closed) {
        return;
      }
      closed = true;
      queue.add(STOP);
    }
    boolean interrupted = false;
    while (thread.isAlive()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    completions.shutdown();
    try {
      if (!completions.awaitTermination(COMPLETION_DRAIN_SECONDS, TimeUnit.SECONDS)) {
        LOG.log(Level.WARNING, "write futures still completing after {0} s",
            COMPLETION_DRAIN_SECONDS);
      }
    } catch (InterruptedException e) {
      interrupted = true;
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    List<PendingWrite<?>> drained = new ArrayList<>(maxBatchUnits);
    boolean stopping = false;
    while (!stopping) {
      drained.clear();
      try {
        drained.add(queue.take());
      } catch (InterruptedException e) {
        continue; // Only close() ends the loop, through STOP, so no queued unit is dropped.
      }
      queue.drainTo(drained, maxBatchUnits - 1);
      List<PendingWrite<?>> batch = new ArrayList<>(drained.size());
      for (PendingWrite<?> p : drained) {
        if (p == STOP) {
          stopping = true; // STOP is the last element ever queued.
        } else {
          batch.add(p);
        }
      }
      if (!batch.isEmpty()) {
        runBatchSafely(batch);
      }
    }
    statements.close();
  }

  private void runBatchSafely(List<PendingWrite<?>> batch) {
    try {
      runBatch(batch);
    } catch (RuntimeException | Error e) {
      // A bug in this class, not in a unit (units are isolated in runUnit): fail the batch
      // rather than leave its callers waiting forever.
      LOG.log(Level.ERROR, "store writer failed a batch: " + e.getClass().getName());
      rollbackQuietly();
      failAll(batch, new StoreUnavailableException("store writer failure", e));
    }
  }

  private void runBatch(List<PendingWrite<?>> batch) {
    // Only while failing: whether this group changed rows, so that an empty barrier unit
    // committing on a still-full disk does not count as recovery.
    long changesBefore = health.failing() ? totalChanges() : -1;
    try {
      check(StoreFaults.Step.BEGIN);
      statements.exec("BEGIN IMMEDIATE");
    } catch (StoreException e) {
      failAll(batch, unavailable("could not begin a transaction", e));
      return;
    }
    List<EventRow> events = new ArrayList<>();
    for (PendingWrite<?> p : batch) {
      StoreException broken = runUnit(p, events);
      if (broken != null) {
        // The savepoint could not be rolled back: the transaction is in an unknown state (SQLite
        // may have rolled it back itself after an I/O error), so none of the batch may commit.
        rollbackQuietly();
        failAll(batch, unavailable("a write unit left the transaction unusable", broken));
        return;
      }
    }
    try {
      check(StoreFaults.Step.COMMIT);
      statements.exec("COMMIT");
    } catch (StoreException e) {
      LOG.log(Level.WARNING, "commit of {0} write units failed: {1}", batch.size(),
          e.getMessage());
      rollbackQuietly();
      failAll(batch, unavailable("commit failed", e));
      return;
    }
    commits.incrementAndGet();
    noteOutcomes(batch, changesBefore);
    try {
      afterCommit.accept(events);
    } catch (RuntimeException e) {
      // The batch is durable whatever a listener does: its units must still succeed.
      LOG.log(Level.ERROR, "after-commit listener failed: " + e.getClass().getName());
    }
    completions.execute(() -> batch.forEach(PendingWrite::complete));
  }

  /** Runs one unit in its own savepoint; returns non-null only if the savepoint is broken. */
  private StoreException runUnit(PendingWrite<?> p, List<EventRow> events) {
    if (p.fence != null && !p.fence.admits(p.generation)) {
      p.error = new StoreUnavailableException(
          "an earlier write of this connection failed; its state is being reloaded");
      p.fence.failed(p.generation);
      return null;
    }
    try {
      statements.exec("SAVEPOINT unit");
    } catch (StoreException e) {
      return e;
    }
    StoreTx tx = new StoreTx(new Sql(statements), clock);
    try {
      injectUnitFault();
      p.run(tx);
      tx.close();
      statements.exec("RELEASE unit");
      events.addAll(tx.appendedEvents());
      return null;
    } catch (Exception | Error e) {
      tx.close();
      p.error = e;
      if (p.fence != null) {
        p.fence.failed(p.generation);
      }
      try {
        statements.exec("ROLLBACK TO unit");
        statements.exec("RELEASE unit");
        return null;
      } catch (StoreException rollbackFailure) {
        return rollbackFailure;
      }
    }
  }

  private void rollbackQuietly() {
    try {
      statements.exec("ROLLBACK");
    } catch (StoreException e) {
      // No transaction left to roll back: SQLite already did it.
    }
  }

  private void failAll(List<PendingWrite<?>> batch, StoreUnavailableException e) {
    // On the writer thread, before the next group runs: nothing built on these may commit.
    for (PendingWrite<?> p : batch) {
      if (p.fence != null) {
        p.fence.failed(p.generation);
      }
    }
    health.failed(e);
    completions.execute(() -> batch.forEach(p -> p.future.completeExceptionally(e)));
  }

  private static StoreUnavailableException unavailable(String what, StoreException cause) {
    return new StoreUnavailableException(what + ": " + cause.getMessage(), cause);
  }

  /** After a commit: a unit that failed on the disk keeps the store failing; else recovery. */
  private void noteOutcomes(List<PendingWrite<?>> batch, long changesBefore) {
    for (PendingWrite<?> p : batch) {
      if (p.error instanceof StoreUnavailableException u
          && u.getCause() instanceof java.sql.SQLException) {
        health.failed(u);
        return;
      }
    }
    if (changesBefore >= 0 && totalChanges() > changesBefore) {
      health.recovered();
    }
  }

  private long totalChanges() {
    try {
      return Long.parseLong(SqliteFiles.queryString(statements.connection(),
          "SELECT total_changes()"));
    } catch (StoreException | NumberFormatException e) {
      return Long.MAX_VALUE; // Cannot tell: do not claim a recovery.
    }
  }

  private void check(StoreFaults.Step step) throws StoreException {
    if (faults != null) {
      faults.check(step);
    }
  }

  /** A test's injected statement failure; an I/O error takes the transaction with it. */
  private void injectUnitFault() throws StoreException {
    if (faults != null && faults.rollsBackTransaction(StoreFaults.Step.UNIT)) {
      rollbackQuietly();
    }
    check(StoreFaults.Step.UNIT);
  }

  /** A queued unit, its future, and its outcome once run (written by the writer thread only). */
  private static final class PendingWrite<T> {
    final StoreTransaction<T> work;
    final WriteFence fence;
    /** The fence's generation when the unit was submitted. */
    final long generation;
    final CompletableFuture<T> future = new CompletableFuture<>();
    T result;
    Throwable error;

    PendingWrite(StoreTransaction<T> work) {
      this(work, null);
    }

    PendingWrite(StoreTransaction<T> work, WriteFence fence) {
      this.work = work;
      this.fence = fence;
      this.generation = fence == null ? 0 : fence.generation();
    }

    void run(StoreTx tx) throws Exception {
      result = work.run(tx);
    }

    /** Publishes the outcome; called after the commit, on the completion thread. */
    void complete() {
      if (error == null) {
        future.complete(result);
      } else {
        future.completeExceptionally(error);
      }
    }
  }

  /** Units queued and not yet taken by the writer thread. */
  int queuedUnits() {
    return queue.size();
  }
}

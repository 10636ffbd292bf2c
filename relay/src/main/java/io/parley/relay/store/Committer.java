package io.parley.relay.store;

import io.parley.relay.store.StoreConfig.FsyncPolicy;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one thread that writes the store's files. Callers hand it encoded frames; it takes every
 * frame pending at once as a batch, writes them, fsyncs per the policy (once per batch under
 * {@link FsyncPolicy#ALWAYS}: group commit) and completes the batch's futures. A failed write
 * is cut back and fails the batch's futures; a failed fsync fails the store for good, since the
 * kernel may have dropped the unwritten pages. Thread-safe to submit to.
 */
final class Committer {
  private static final System.Logger LOG = System.getLogger(Committer.class.getName());
  /**
   * Size of the direct buffer frames are gathered in before each write; larger frames are
   * written on their own. The JDK would otherwise copy every heap frame into a temporary direct
   * buffer of its own per write, allocating fresh ones once a batch holds more than a few.
   * UNIT: bytes.
   */
  static final int STAGING_BYTES = 1 << 20;
  private static final byte[] NO_TAIL = new byte[0];
  /** How long close waits for the committer to drain. UNIT: seconds. */
  private static final long CLOSE_WAIT_SECONDS = 60;

  /** Which file a frame goes to. */
  enum Target { QUEUE_LOG, JOURNAL }

  /** A frame to write: {@code frame}'s remaining bytes, then {@code tail}. */
  private record Pending(
      Target target, ByteBuffer frame, byte[] tail, CompletableFuture<Void> done) {}

  private final FsyncPolicy policy;
  private final long intervalNanos;
  private final AppendOnlyFile queueLog;
  private final JournalSegments journal;
  private final Thread thread;
  /** Committer thread only. */
  private final ByteBuffer staging = ByteBuffer.allocateDirect(STAGING_BYTES);
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition workOrClose = lock.newCondition();
  /** Guarded by lock. */
  private ArrayList<Pending> pending = new ArrayList<>();
  /** Guarded by lock. */
  private boolean closing;
  private volatile StoreException failure;
  // Committer thread only:
  private boolean queueLogDirty;
  private boolean journalDirty;
  private long lastForceNanos = System.nanoTime();
  private IOException closeFailure;

  Committer(StoreConfig config, AppendOnlyFile queueLog, JournalSegments journal) {
    this.policy = config.fsyncPolicy();
    this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(config.fsyncIntervalMillis());
    this.queueLog = queueLog;
    this.journal = journal;
    this.thread = new Thread(this::run, "parley-store-committer");
    thread.setDaemon(true);
    thread.start();
  }

  /** Queues {@code frame}; the future completes once it is durable per the policy. */
  CompletableFuture<Void> submit(Target target, ByteBuffer frame) {
    return submit(target, frame, NO_TAIL);
  }

  /**
   * Queues a frame written as {@code head} immediately followed by {@code tail} (see
   * {@link Frames#sealHead}); neither may change afterwards. The future completes once it is
   * durable per the policy.
   */
  CompletableFuture<Void> submit(Target target, ByteBuffer head, byte[] tail) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    enqueue(new Pending(target, head, tail, done));
    return done;
  }

  /** Queues {@code frame} without telling anyone when it is written. */
  void submitNoWait(Target target, ByteBuffer frame) {
    enqueue(new Pending(target, frame, NO_TAIL, null));
  }

  private void enqueue(Pending p) {
    StoreException rejected;
    lock.lock();
    try {
      if (!closing && failure == null) {
        pending.add(p);
        if (pending.size() == 1) {
          workOrClose.signal();
        }
        return;
      }
      rejected = closing
          ? new StoreException("store is closed")
          : new StoreException("store failed earlier", failure);
    } finally {
      lock.unlock();
    }
    if (p.done() != null) {
      p.done().completeExceptionally(rejected);
    }
  }

  /** Writes and fsyncs everything queued so far, then closes the files. */
  void close() throws StoreException {
    lock.lock();
    try {
      closing = true;
      workOrClose.signal();
    } finally {
      lock.unlock();
    }
    try {
      thread.join(TimeUnit.SECONDS.toMillis(CLOSE_WAIT_SECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while closing the store");
    }
    if (thread.isAlive()) {
      throw new StoreException("store committer did not finish in time");
    }
    if (closeFailure != null) {
      throw new StoreException("could not flush the store on close", closeFailure);
    }
  }

  /** Whether the committer thread has ended (after close), so the files are closed. */
  boolean stopped() {
    return !thread.isAlive();
  }

  private void run() {
    ArrayList<Pending> spare = new ArrayList<>();
    boolean stop = false;
    while (!stop) {
      ArrayList<Pending> batch;
      lock.lock();
      try {
        awaitWork();
        batch = pending;
        pending = spare;
        stop = closing && batch.isEmpty();
      } finally {
        lock.unlock();
      }
      if (!batch.isEmpty()) {
        commit(batch);
        batch.clear();
      }
      spare = batch;
      if (policy == FsyncPolicy.INTERVAL && dirty()
          && System.nanoTime() - lastForceNanos >= intervalNanos) {
        forceQuietly();
      }
    }
    finish();
  }

  /** Waits (lock held) for frames, close, or the next interval fsync. */
  private void awaitWork() {
    try {
      while (pending.isEmpty() && !closing) {
        if (policy == FsyncPolicy.INTERVAL && dirty()) {
          long wait = lastForceNanos + intervalNanos - System.nanoTime();
          if (wait <= 0) {
            return;
          }
          workOrClose.awaitNanos(wait);
        } else {
          workOrClose.await();
        }
      }
    } catch (InterruptedException e) {
      // Nobody interrupts this private thread; treat it as close.
      closing = true;
    }
  }

  private void commit(List<Pending> batch) {
    if (failure != null) {
      failAll(batch, new StoreException("store failed earlier", failure));
      return;
    }
    AppendOnlyFile segment = journal.active();
    long queueLogStart = queueLog.size();
    long journalStart = segment.size();
    try {
      writeAll(batch, Target.QUEUE_LOG, queueLog);
      writeAll(batch, Target.JOURNAL, segment);
    } catch (IOException e) {
      StoreException error = new StoreException("store write failed", e);
      try {
        queueLog.truncate(queueLogStart);
        segment.truncate(journalStart);
      } catch (IOException again) {
        fail(error);
      }
      LOG.log(Level.ERROR, "store write failed: {0}", e.toString());
      failAll(batch, error);
      return;
    }
    journal.written(segment.size() - journalStart);
    queueLogDirty |= queueLog.size() != queueLogStart;
    journalDirty |= segment.size() != journalStart;
    // A batch nobody waits for (only ACK and expiry removals) is not forced: a lost removal
    // only causes a redelivery, and the next waited-for batch forces the file anyway.
    if (policy == FsyncPolicy.ALWAYS && anyoneWaits(batch)) {
      try {
        force();
      } catch (IOException e) {
        StoreException error = new StoreException("store fsync failed", e);
        fail(error);
        LOG.log(Level.ERROR, "store fsync failed; refusing further writes: {0}", e.toString());
        failAll(batch, error);
        return;
      }
    }
    for (Pending p : batch) {
      if (p.done() != null) {
        p.done().complete(null);
      }
    }
    journal.afterBatch();
  }

  private static boolean anyoneWaits(List<Pending> batch) {
    for (Pending p : batch) {
      if (p.done() != null) {
        return true;
      }
    }
    return false;
  }

  /** Writes the batch's frames for {@code target}, in order, gathered in the staging buffer. */
  private void writeAll(List<Pending> batch, Target target, AppendOnlyFile file)
      throws IOException {
    staging.clear();
    for (Pending p : batch) {
      if (p.target() != target) {
        continue;
      }
      int bytes = p.frame().remaining() + p.tail().length;
      if (bytes > staging.remaining()) {
        writeStaged(file);
      }
      if (bytes > staging.capacity()) {
        file.write(new ByteBuffer[] {p.frame(), ByteBuffer.wrap(p.tail())}, 0, 2);
      } else {
        staging.put(p.frame()).put(p.tail());
      }
    }
    writeStaged(file);
  }

  private void writeStaged(AppendOnlyFile file) throws IOException {
    if (staging.position() > 0) {
      staging.flip();
      file.write(staging);
      staging.clear();
    }
  }

  private boolean dirty() {
    return queueLogDirty || journalDirty;
  }

  /** Forces each file written since its last fsync. */
  private void force() throws IOException {
    if (queueLogDirty) {
      queueLog.force();
      queueLogDirty = false;
    }
    if (journalDirty) {
      journal.force();
      journalDirty = false;
    }
    lastForceNanos = System.nanoTime();
  }

  private void forceQuietly() {
    try {
      force();
    } catch (IOException e) {
      fail(new StoreException("store fsync failed", e));
      LOG.log(Level.ERROR, "store fsync failed; refusing further writes: {0}", e.toString());
    }
  }

  private void fail(StoreException e) {
    lock.lock();
    try {
      if (failure == null) {
        failure = e;
      }
    } finally {
      lock.unlock();
    }
  }

  private static void failAll(List<Pending> batch, StoreException e) {
    for (Pending p : batch) {
      if (p.done() != null) {
        p.done().completeExceptionally(e);
      }
    }
  }

  private void finish() {
    try {
      if (failure == null && dirty()) {
        force();
      }
    } catch (IOException e) {
      closeFailure = e;
    }
    try {
      queueLog.close();
    } catch (IOException e) {
      closeFailure = closeFailure == null ? e : closeFailure;
    }
    try {
      journal.close();
    } catch (IOException e) {
      closeFailure = closeFailure == null ? e : closeFailure;
    }
  }
}

package io.parley.agent.internal.store;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.util.concurrent.TimeUnit;

/**
 * Copies committed pages from the WAL back into the database file on a thread and connection of
 * its own. SQLite's automatic checkpoint runs inside the COMMIT that crosses the threshold, so
 * one unlucky group commit (and every ACK waiting on it) also paid for copying and syncing a
 * thousand pages. A PASSIVE checkpoint here never blocks the writer or readers; the writer keeps
 * a much larger automatic threshold only as a backstop in case this thread falls behind.
 * Thread-safe: the writer calls {@link #committed} after each commit.
 */
final class Checkpointer implements AutoCloseable {
  /** Commits after which a checkpoint is started. */
  static final int CHECKPOINT_EVERY_COMMITS = 200;
  /** A checkpoint also runs this long after the first commit not yet checkpointed. UNIT: ms. */
  static final long CHECKPOINT_INTERVAL_MILLIS = 1_000;
  /**
   * The writer's own automatic checkpoint, used only if this thread falls behind: about 64 MiB
   * of WAL at 4 KiB pages. UNIT: pages.
   */
  static final int WRITER_BACKSTOP_PAGES = 16_384;

  private static final System.Logger LOG = System.getLogger(Checkpointer.class.getName());

  private final Connection conn;
  private final Thread thread;
  private int pending; // guarded by this
  private boolean closed; // guarded by this

  Checkpointer(Connection conn, String name) {
    this.conn = conn;
    this.thread = new Thread(this::run, name);
    thread.setDaemon(true);
    thread.start();
  }

  /** A transaction committed; its pages are now in the WAL. */
  synchronized void committed() {
    if (++pending >= CHECKPOINT_EVERY_COMMITS) {
      notifyAll();
    }
  }

  /** Stops the thread; the connection is closed here (the last close checkpoints fully). */
  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      notifyAll();
    }
    try {
      thread.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    SqliteFiles.closeQuietly(conn);
  }

  private void run() {
    while (true) {
      synchronized (this) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(
            CHECKPOINT_INTERVAL_MILLIS);
        while (!closed && (pending == 0 || pending < CHECKPOINT_EVERY_COMMITS
            && System.nanoTime() < deadline)) {
          long waitMillis = pending == 0 ? CHECKPOINT_INTERVAL_MILLIS
              : Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
          try {
            wait(waitMillis);
          } catch (InterruptedException e) {
            return;
          }
        }
        if (closed) {
          return;
        }
        pending = 0;
      }
      try {
        SqliteFiles.queryString(conn, "PRAGMA wal_checkpoint(PASSIVE)");
      } catch (StoreException e) {
        // The writer's backstop threshold still bounds the WAL; try again next round.
        LOG.log(Level.WARNING, "background checkpoint failed: " + e.getMessage());
      }
    }
  }
}

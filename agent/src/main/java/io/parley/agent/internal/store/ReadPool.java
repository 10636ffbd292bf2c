package io.parley.agent.internal.store;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A fixed set of read-only connections. Each query runs in its own read transaction, so it sees
 * one committed snapshot while the writer keeps committing (WAL). Thread-safe.
 */
final class ReadPool implements AutoCloseable {
  /** Opens one configured read connection. */
  @FunctionalInterface
  interface Opener {
    Connection open() throws StoreException;
  }

  private static final System.Logger LOG = System.getLogger(ReadPool.class.getName());

  private final Opener opener;
  private final Clock clock;
  private final long timeoutMillis;
  private final int size;
  private final BlockingQueue<StatementCache> idle;
  private volatile boolean closed;

  private ReadPool(Opener opener, StoreConfig config) {
    this.opener = opener;
    this.clock = config.clock();
    this.timeoutMillis = config.readTimeoutMillis();
    this.size = config.readPoolSize();
    this.idle = new ArrayBlockingQueue<>(size);
  }

  /** Opens all connections now, so that a misconfigured file fails at start, not at first read. */
  static ReadPool open(Opener opener, StoreConfig config) throws StoreException {
    ReadPool pool = new ReadPool(opener, config);
    List<StatementCache> opened = new ArrayList<>();
    try {
      for (int i = 0; i < pool.size; i++) {
        opened.add(new StatementCache(opener.open()));
      }
    } catch (StoreException e) {
      opened.forEach(ReadPool::closeQuietly);
      throw e;
    }
    pool.idle.addAll(opened);
    return pool;
  }

  <T> T read(StoreQuery<T> query) throws StoreException {
    StatementCache c = borrow();
    boolean reusable = false;
    try {
      c.exec("BEGIN");
      StoreTx tx = new StoreTx(new Sql(c), clock);
      try {
        return query.run(tx);
      } finally {
        tx.close();
        c.exec("ROLLBACK"); // Read-only: ending the snapshot is all there is to do.
        reusable = true;
      }
    } finally {
      giveBack(c, reusable);
    }
  }

  private StatementCache borrow() throws StoreException {
    if (closed) {
      throw new StoreUnavailableException("the database is closed");
    }
    try {
      StatementCache c = idle.poll(timeoutMillis, TimeUnit.MILLISECONDS);
      if (c == null) {
        throw new StoreUnavailableException(
            "no read connection became free within " + timeoutMillis + " ms");
      }
      return c;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreUnavailableException("interrupted while waiting for a read connection");
    }
  }

  /** A connection whose transaction state is unknown is replaced, never reused. */
  private void giveBack(StatementCache c, boolean reusable) {
    StatementCache back = c;
    if (!reusable) {
      closeQuietly(c);
      try {
        back = new StatementCache(opener.open());
      } catch (StoreException e) {
        LOG.log(Level.WARNING, "could not replace a read connection: {0}", e.getMessage());
        return;
      }
    }
    idle.add(back);
    if (closed) {
      closeIdle(); // close() may have drained the pool just before this connection came back.
    }
  }

  /** Closes idle connections now and busy ones when their query ends. */
  @Override
  public void close() {
    closed = true;
    closeIdle();
  }

  private void closeIdle() {
    StatementCache c;
    while ((c = idle.poll()) != null) {
      closeQuietly(c);
    }
  }

  private static void closeQuietly(StatementCache c) {
    c.close();
    SqliteFiles.closeQuietly(c.connection());
  }
}

package io.parley.agent.internal.store;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Test hook: makes the store of one data directory fail on demand, at a chosen step, with the
 * error SQLite itself reports for a full disk, an I/O error or a read-only file (the same result
 * code, classified by {@link SqlErrors} like a real one). Registered per data directory before
 * the database is opened; production code never registers one, and an unregistered store pays
 * one volatile read per step. Thread-safe.
 */
public final class StoreFaults {
  /** Where the failure strikes. */
  public enum Step {
    /** The writer's {@code BEGIN IMMEDIATE}: the whole group fails before any unit runs. */
    BEGIN,
    /**
     * A statement inside a write unit. A full disk or read-only file fails that unit alone (its
     * savepoint is rolled back, as SQLite does for a statement); an I/O error rolls the whole
     * transaction back first, as SQLite may, so the group fails.
     */
    UNIT,
    /** The writer's {@code COMMIT}: every unit of the group ran, none of it is kept. */
    COMMIT,
    /** A read transaction ({@link Database#read}). */
    READ
  }

  /** What SQLite reports. */
  public enum Kind {
    DISK_FULL(13, "database or disk is full"),
    /** SQLITE_IOERR_WRITE. */
    IO_ERROR(10 | (3 << 8), "disk I/O error"),
    READ_ONLY(8, "attempt to write a readonly database");

    private final int code;
    private final String message;

    Kind(int code, String message) {
      this.code = code;
      this.message = message;
    }
  }

  private static final Map<Path, StoreFaults> REGISTERED = new ConcurrentHashMap<>();

  private final Map<Step, Kind> failing = new ConcurrentHashMap<>();
  /** Fail only every n-th check of a step (a disk with room for some writes and not others). */
  private final Map<Step, Integer> every = new ConcurrentHashMap<>();
  private final AtomicLong checks = new AtomicLong();
  private final AtomicLong injected = new AtomicLong();
  private volatile boolean armed;
  /** Write units the store's queue holds in place of its configured size; 0: unchanged. */
  private volatile int queuedWritesLimit;
  private final AtomicLong refusedFull = new AtomicLong();

  private StoreFaults() {}

  /** Registers a hook for the database that will be opened in {@code dataDir}. */
  public static StoreFaults install(Path dataDir) {
    StoreFaults f = new StoreFaults();
    REGISTERED.put(key(dataDir), f);
    return f;
  }

  /** Removes the hook of {@code dataDir}; databases opened afterwards run without one. */
  public static void uninstall(Path dataDir) {
    REGISTERED.remove(key(dataDir));
  }

  /** The hook of {@code dataDir}, or null (always, outside tests). */
  static StoreFaults lookup(Path dataDir) {
    return REGISTERED.isEmpty() ? null : REGISTERED.get(key(dataDir));
  }

  /** From now on, every {@code step} fails with {@code kind} until {@link #heal}. */
  public void fail(Step step, Kind kind) {
    failEvery(step, kind, 1);
  }

  /**
   * From now on, every {@code n}-th {@code step} fails with {@code kind} until {@link #heal}: a
   * disk nearly full, where a small unit still fits and the next does not.
   */
  public void failEvery(Step step, Kind kind, int n) {
    if (n < 1) {
      throw new IllegalArgumentException("n must be at least 1, was " + n);
    }
    every.put(step, n);
    failing.put(step, kind);
    armed = true;
  }

  /**
   * The store opened after this holds at most {@code units} queued write units (a store far
   * behind its callers, without writing thousands of units to get there).
   */
  public void limitQueuedWrites(int units) {
    if (units < 1) {
      throw new IllegalArgumentException("units must be at least 1, was " + units);
    }
    queuedWritesLimit = units;
  }

  /** Write units the store refused because its queue was full. */
  public long refusedFull() {
    return refusedFull.get();
  }

  /** The writer refused a unit: its queue was full. */
  void noteRefusedFull() {
    refusedFull.incrementAndGet();
  }

  /** The store's configuration with this hook's queue size, if one was set. */
  StoreConfig apply(StoreConfig config) {
    int limit = queuedWritesLimit;
    return limit > 0 ? config.withMaxQueuedWrites(limit) : config;
  }

  /** Stops every injected failure. */
  public void heal() {
    armed = false;
    failing.clear();
    every.clear();
  }

  /** How many failures were injected so far. */
  public long injected() {
    return injected.get();
  }

  /** Throws the translated failure if {@code step} is set to fail. */
  void check(Step step) throws StoreException {
    if (!armed) {
      return;
    }
    Kind kind = failing.get(step);
    if (kind != null && checks.incrementAndGet() % every.getOrDefault(step, 1) == 0) {
      injected.incrementAndGet();
      throw SqlErrors.translate(new SQLException(kind.message, null, kind.code));
    }
  }

  /** Whether {@code step} fails with an I/O error (SQLite then rolls the transaction back). */
  boolean rollsBackTransaction(Step step) {
    return armed && failing.get(step) == Kind.IO_ERROR;
  }

  private static Path key(Path dataDir) {
    return dataDir.toAbsolutePath().normalize();
  }
}

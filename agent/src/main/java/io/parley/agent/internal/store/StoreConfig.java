package io.parley.agent.internal.store;

import java.time.Clock;
import java.util.Objects;

/**
 * Tuning of a {@link Database}. Immutable.
 *
 * @param readPoolSize read-only connections serving {@link Database#read}; WAL lets them read
 *     while the writer commits
 * @param maxBatchUnits most write units committed by one transaction (one fsync); 1 means one
 *     commit per unit
 * @param maxQueuedWrites write units waiting for the writer beyond which {@link Database#write}
 *     fails fast with {@link StoreUnavailableException}
 * @param busyTimeoutMillis how long a connection waits for a lock held by another connection.
 *     UNIT: milliseconds
 * @param readTimeoutMillis how long {@link Database#read} waits for a free read connection.
 *     UNIT: milliseconds
 * @param clock source of the timestamps the repositories stamp on rows and events
 */
public record StoreConfig(
    int readPoolSize,
    int maxBatchUnits,
    int maxQueuedWrites,
    int busyTimeoutMillis,
    long readTimeoutMillis,
    Clock clock) {

  /** Enough readers for the API threads without holding many open files. */
  public static final int DEFAULT_READ_POOL_SIZE = 4;
  /** Large enough to amortize the fsync, small enough to keep one batch's latency low. */
  public static final int DEFAULT_MAX_BATCH_UNITS = 256;
  /** About a second of work at the measured commit rate; beyond it callers get 503. */
  public static final int DEFAULT_MAX_QUEUED_WRITES = 10_000;
  /** UNIT: milliseconds. */
  public static final int DEFAULT_BUSY_TIMEOUT_MILLIS = 5_000;
  /** UNIT: milliseconds. */
  public static final long DEFAULT_READ_TIMEOUT_MILLIS = 5_000;

  public StoreConfig {
    requirePositive(readPoolSize, "readPoolSize");
    requirePositive(maxBatchUnits, "maxBatchUnits");
    requirePositive(maxQueuedWrites, "maxQueuedWrites");
    requirePositive(busyTimeoutMillis, "busyTimeoutMillis");
    requirePositive(readTimeoutMillis, "readTimeoutMillis");
    Objects.requireNonNull(clock, "clock");
  }

  /** The defaults above, with the system UTC clock. */
  public static StoreConfig defaults() {
    return new StoreConfig(DEFAULT_READ_POOL_SIZE, DEFAULT_MAX_BATCH_UNITS,
        DEFAULT_MAX_QUEUED_WRITES, DEFAULT_BUSY_TIMEOUT_MILLIS, DEFAULT_READ_TIMEOUT_MILLIS,
        Clock.systemUTC());
  }

  public StoreConfig withMaxBatchUnits(int units) {
    return new StoreConfig(readPoolSize, units, maxQueuedWrites, busyTimeoutMillis,
        readTimeoutMillis, clock);
  }

  public StoreConfig withMaxQueuedWrites(int writes) {
    return new StoreConfig(readPoolSize, maxBatchUnits, writes, busyTimeoutMillis,
        readTimeoutMillis, clock);
  }

  public StoreConfig withClock(Clock c) {
    return new StoreConfig(readPoolSize, maxBatchUnits, maxQueuedWrites, busyTimeoutMillis,
        readTimeoutMillis, c);
  }

  private static void requirePositive(long value, String name) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
  }
}

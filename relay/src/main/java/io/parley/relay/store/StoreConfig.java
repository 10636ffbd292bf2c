package io.parley.relay.store;

import java.nio.file.Path;

/**
 * How a {@link RelayStore} keeps its state.
 *
 * @param dataDirectory where the queue log and message journal live; {@code null} keeps
 *     everything in memory only (tests, ephemeral relays)
 * @param queueQuota most messages a queue holds before a SEND is refused with a quota marker
 *     (docs/protocol.md section 7); UNIT: messages, at least 1
 * @param fsyncPolicy when writes are forced to disk and when their futures complete
 * @param fsyncIntervalMillis period of the background fsync under {@link FsyncPolicy#INTERVAL};
 *     ignored otherwise; UNIT: milliseconds, at least 1
 */
public record StoreConfig(
    Path dataDirectory, int queueQuota, FsyncPolicy fsyncPolicy, long fsyncIntervalMillis) {

  /** Messages a queue holds before it refuses SENDs. UNIT: messages. */
  public static final int DEFAULT_QUEUE_QUOTA = 128;
  /** Period of the background fsync under {@link FsyncPolicy#INTERVAL}. UNIT: milliseconds. */
  public static final long DEFAULT_FSYNC_INTERVAL_MILLIS = 200;

  /** When the store forces its files to disk, and so when a write's future completes. */
  public enum FsyncPolicy {
    /**
     * Group commit: a committer thread writes every pending record, fsyncs once, and only then
     * completes the batch's futures. An acknowledged write survives power loss.
     */
    ALWAYS,
    /**
     * Futures complete once the write reached the OS (survives a crash of the process, not of
     * the machine); the files are fsynced every {@code fsyncIntervalMillis}.
     */
    INTERVAL,
    /** Never fsync except on close. For tests and benchmarks only. */
    NONE
  }

  public StoreConfig {
    if (queueQuota < 1) {
      throw new IllegalArgumentException("queueQuota must be at least 1: " + queueQuota);
    }
    if (fsyncPolicy == null) {
      throw new IllegalArgumentException("fsyncPolicy is required");
    }
    if (fsyncIntervalMillis < 1) {
      throw new IllegalArgumentException(
          "fsyncIntervalMillis must be at least 1: " + fsyncIntervalMillis);
    }
  }

  /** A memory-only store with the default quota. */
  public static StoreConfig inMemory() {
    return new StoreConfig(null, DEFAULT_QUEUE_QUOTA, FsyncPolicy.NONE,
        DEFAULT_FSYNC_INTERVAL_MILLIS);
  }

  /** A store persisted in {@code dataDirectory} with group commit and the default quota. */
  public static StoreConfig persistent(Path dataDirectory) {
    return new StoreConfig(dataDirectory, DEFAULT_QUEUE_QUOTA, FsyncPolicy.ALWAYS,
        DEFAULT_FSYNC_INTERVAL_MILLIS);
  }

  public StoreConfig withQueueQuota(int quota) {
    return new StoreConfig(dataDirectory, quota, fsyncPolicy, fsyncIntervalMillis);
  }

  public StoreConfig withFsyncPolicy(FsyncPolicy policy) {
    return new StoreConfig(dataDirectory, queueQuota, policy, fsyncIntervalMillis);
  }

  public StoreConfig withFsyncIntervalMillis(long millis) {
    return new StoreConfig(dataDirectory, queueQuota, fsyncPolicy, millis);
  }

  public boolean isPersistent() {
    return dataDirectory != null;
  }
}

package io.parley.agent.internal.store;

import java.time.Clock;
import java.util.Optional;

/**
 * Whether the writer's last attempts failed for want of a working disk (full, I/O error,
 * read-only, locked). Set when a group or a unit fails with {@link StoreUnavailableException};
 * cleared only by a commit that changed rows, so the empty units used as barriers while the
 * disk is still full do not make it look healthy. Thread-safe: the writer thread writes, anyone
 * reads.
 */
final class WriteHealth {
  /** A failure as the health endpoints report it: no path, key or value in it. */
  record Failure(String reason, long sinceEpochMillis) {}

  private final Clock clock;
  private volatile Failure failure;

  WriteHealth(Clock clock) {
    this.clock = clock;
  }

  Optional<Failure> failure() {
    return Optional.ofNullable(failure);
  }

  boolean failing() {
    return failure != null;
  }

  void failed(StoreUnavailableException e) {
    if (failure == null) {
      failure = new Failure(reasonOf(e), clock.millis());
    }
  }

  void recovered() {
    failure = null;
  }

  /** SQLite's own words for the disk's state, without the SQL or file name around them. */
  private static String reasonOf(StoreUnavailableException e) {
    String m = String.valueOf(e.getMessage());
    if (m.contains("full")) {
      return "disk full";
    }
    if (m.contains("readonly") || m.contains("read-only")) {
      return "database is read-only";
    }
    if (m.contains("I/O")) {
      return "disk I/O error";
    }
    if (m.contains("locked") || m.contains("busy")) {
      return "database locked";
    }
    if (m.contains("queue is full")) {
      return "write queue full";
    }
    return "writes failing";
  }
}

package io.parley.agent.internal.store;

import io.parley.protocol.command.QueueMode;
import io.parley.protocol.crypto.SecureRandoms;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** Shared helpers for store tests: blocking writes with a deadline, rows, a settable clock. */
final class StoreFixtures {
  /** Upper bound for any single wait in a test. UNIT: seconds. */
  static final long WAIT_SECONDS = 30;

  private StoreFixtures() {}

  /** Runs a unit and waits for its commit; rethrows the unit's own failure unwrapped. */
  static <T> T write(Database db, StoreTransaction<T> work) throws Exception {
    return await(db.write(work));
  }

  static <T> T await(CompletableFuture<T> future) throws Exception {
    try {
      return future.get(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    }
  }

  /** The exception a future failed with, waiting for it; null if it succeeded. */
  static Throwable failureOf(CompletableFuture<?> future) throws Exception {
    try {
      future.get(WAIT_SECONDS, TimeUnit.SECONDS);
      return null;
    } catch (ExecutionException e) {
      return e.getCause();
    }
  }

  /** Inserts an established connection and returns it. */
  static ConnectionRow connection(StoreTx tx) throws StoreException {
    ConnectionRow row = ConnectionRow.create(ConnectionStatus.ESTABLISHED, ConnectionRole.INVITER,
        false, tx.now());
    tx.connections().insert(row);
    return row;
  }

  static RcvQueueRow rcvQueue(String connectionId, String relay, QueueMode mode, long now) {
    return new RcvQueueRow(0, connectionId, relay, SecureRandoms.bytes(24),
        SecureRandoms.bytes(24), SecureRandoms.bytes(32), SecureRandoms.bytes(32),
        SecureRandoms.bytes(32), SecureRandoms.bytes(32), null, mode, RcvQueueStatus.NEW, null,
        now, now);
  }

  static SndQueueRow sndQueue(String connectionId, String relay, long now) {
    return new SndQueueRow(0, connectionId, relay, SecureRandoms.bytes(24),
        SecureRandoms.bytes(32), SecureRandoms.bytes(32), SecureRandoms.bytes(32),
        SndQueueStatus.NEW, now, now);
  }

  static OutMessageRow textMessage(String connectionId, long agentMsgId, String key, long now) {
    return OutMessageRow.queued(connectionId, agentMsgId, OutMessageKind.TEXT,
        "hello " + agentMsgId, SecureRandoms.bytes(64), SecureRandoms.bytes(32), key, now);
  }

  /** A clock tests move by hand. Thread-safe. */
  static final class TestClock extends Clock {
    private final AtomicLong millis;

    TestClock(long startMillis) {
      this.millis = new AtomicLong(startMillis);
    }

    void set(long newMillis) {
      millis.set(newMillis);
    }

    @Override
    public long millis() {
      return millis.get();
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis.get());
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}

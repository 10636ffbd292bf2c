package io.parley.agent.internal.store;

import io.parley.protocol.command.QueueMode;
import io.parley.protocol.crypto.SecureRandoms;
import io.parley.testkit.Await;
import io.parley.testkit.Deadline;

/** Shared helpers for store tests: blocking writes with a deadline, and rows. */
final class StoreFixtures {
  /** Upper bound for any single wait in a test. UNIT: seconds. */
  static final long WAIT_SECONDS = Deadline.DEFAULT_TIMEOUT.toSeconds();

  private StoreFixtures() {}

  /** Runs a unit and waits for its commit; rethrows the unit's own failure unwrapped. */
  static <T> T write(Database db, StoreTransaction<T> work) throws Exception {
    return Await.result(db.write(work));
  }

  /** Inserts an established connection and returns it. */
  static ConnectionRow connection(StoreTx tx) throws StoreException {
    ConnectionRow row = ConnectionRow.create(ProfileRow.DEFAULT_ID, ConnectionStatus.ESTABLISHED, ConnectionRole.INVITER,
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
}

package io.parley.relay.server;

import io.parley.protocol.ErrorCode;
import io.parley.relay.store.QueueRecord;
import io.parley.relay.store.QueueStatus;
import java.util.Optional;

/**
 * Finds the queue a command names and checks its authorization (docs/protocol.md section 5).
 * Every refusal is the same {@code ERR AUTH}, reached after the same MAC work, whether the queue
 * is unknown, suspended, unsecured, or the key is wrong. Stateless.
 */
final class QueueAccess {
  private QueueAccess() {}

  /**
   * The queue of a recipient command whose authorization verifies under its recipient key, or
   * null after answering {@code ERR AUTH}.
   */
  static QueueRecord recipient(Session s, Request t) {
    Optional<QueueRecord> q = s.relay().store().byRecipientId(t.entityId());
    if (q.isPresent() && s.authorizer().verify(t, q.get().recipientAuthKey())) {
      return q.get();
    }
    if (q.isEmpty()) {
      s.authorizer().reject(t);
    }
    s.respondError(t, ErrorCode.AUTH);
    return null;
  }

  /**
   * The queue a SEND may append to, or null after answering {@code ERR AUTH}: an unsecured
   * queue takes only unauthorized SENDs, a secured one only SENDs authorized by its sender key.
   */
  static QueueRecord sender(Session s, Request t) {
    QueueRecord q = s.relay().store().bySenderId(t.entityId()).orElse(null);
    boolean ok;
    if (q != null && q.secured() && t.hasAuthorization()) {
      ok = s.authorizer().verify(t, q.senderAuthKey());
    } else {
      s.authorizer().reject(t);
      ok = q != null && !q.secured() && !t.hasAuthorization();
    }
    if (ok && q.status() == QueueStatus.ACTIVE) {
      return q;
    }
    s.respondError(t, ErrorCode.AUTH);
    return null;
  }
}

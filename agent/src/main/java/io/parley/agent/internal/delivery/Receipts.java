package io.parley.agent.internal.delivery;

import io.parley.agent.event.AgentEvent;
import io.parley.agent.internal.events.EventLog;
import io.parley.agent.internal.store.OutMessageRow;
import io.parley.agent.internal.store.StoreException;
import io.parley.agent.internal.store.StoreTx;
import io.parley.agent.model.MessageStatus;
import io.parley.protocol.crypto.Hashes;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.Optional;

/**
 * Applies a peer's cumulative receipt: every text message it covers becomes delivered. The
 * receipt names the last message it covers and that message's hash; a hash that does not match
 * what this side sent means the receipt is not about these messages, and it is ignored.
 */
public final class Receipts {
  private static final System.Logger LOG = System.getLogger(Receipts.class.getName());

  private Receipts() {}

  /**
   * Marks the texts after {@code fromExclusive} up to {@code upTo} delivered, in the caller's
   * unit, with a {@code message.status} event each.
   */
  public static void markDelivered(StoreTx tx, String connectionId, long fromExclusive,
      long upTo, byte[] hash) throws StoreException {
    Optional<OutMessageRow> last = tx.outbox().find(OutItem.idOf(connectionId, upTo));
    if (last.isEmpty() || !Hashes.constantTimeEquals(last.get().msgHash(), hash)) {
      LOG.log(Level.INFO, "ignored a receipt that does not match the messages sent");
      return;
    }
    for (long seq = fromExclusive + 1; seq <= upTo; seq++) {
      String id = OutItem.idOf(connectionId, seq);
      if (tx.outbox().markDelivered(id)) {
        EventLog.append(tx, AgentEvent.MESSAGE_STATUS, connectionId,
            Map.of("messageId", id, "status", MessageStatus.DELIVERED.label()));
      }
    }
  }
}

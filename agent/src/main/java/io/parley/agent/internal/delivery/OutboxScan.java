package io.parley.agent.internal.delivery;

import io.parley.agent.internal.store.OutMessageKind;
import io.parley.agent.internal.store.OutMessageRow;
import io.parley.agent.internal.store.OutMessageStatus;
import io.parley.agent.internal.store.StoreException;
import io.parley.agent.internal.store.StoreTx;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Optional;

/**
 * What a connection's outbox holds after a start, found by walking its messages back from the
 * last one encrypted: outbox ids are {@link OutItem#idOf deterministic}, and receipts are
 * cumulative, so the walk stops at the first text already delivered (or failed) and costs only
 * the messages still in play.
 *
 * @param queued messages still in play, in sending order: not yet accepted by a relay, or
 *     accepted but with copies for other queues of the peer still to go (their payload is kept)
 * @param sent the ids among {@code queued} that a relay accepted already
 * @param receiptPending whether a receipt is among them
 * @param deliveredUpTo every text up to this sequence number is delivered or failed
 * @param attempts failed attempts stored on the first queued message
 * @param nextAttemptAt when that message is due. UNIT: epoch milliseconds
 */
public record OutboxScan(List<OutItem> queued, Set<String> sent, boolean receiptPending,
    long deliveredUpTo, int attempts, long nextAttemptAt) {

  public OutboxScan {
    queued = List.copyOf(queued);
    sent = Set.copyOf(sent);
  }

  /** Walks {@code connectionId}'s outbox back from {@code lastSeq} (reads only). */
  public static OutboxScan of(StoreTx tx, String connectionId, long lastSeq)
      throws StoreException {
    List<OutMessageRow> queued = new ArrayList<>();
    Set<String> sent = new HashSet<>();
    boolean receiptPending = false;
    long deliveredUpTo = 0;
    for (long seq = lastSeq; seq >= OutItem.CONTACT_REQUEST_SEQ; seq--) {
      Optional<OutMessageRow> found = tx.outbox().find(OutItem.idOf(connectionId, seq));
      if (found.isEmpty()) {
        continue;
      }
      OutMessageRow r = found.get();
      if (r.kind() == OutMessageKind.TEXT && (r.status() == OutMessageStatus.DELIVERED
          || r.status() == OutMessageStatus.FAILED)) {
        deliveredUpTo = seq;
        break;
      }
      if (r.status() == OutMessageStatus.QUEUED) {
        queued.add(r);
        receiptPending |= r.kind() == OutMessageKind.RECEIPT;
      } else if (r.status() == OutMessageStatus.SENT && r.payload() != null) {
        queued.add(r);
        sent.add(r.id());
      }
    }
    Collections.reverse(queued);
    OutMessageRow first = queued.stream().filter(r -> r.status() == OutMessageStatus.QUEUED)
        .findFirst().orElse(null);
    int attempts = first == null ? 0 : first.attempts();
    long due = first == null ? 0 : first.nextAttemptAt();
    return new OutboxScan(queued.stream().map(OutItem::of).toList(), sent, receiptPending,
        deliveredUpTo, attempts, due);
  }
}

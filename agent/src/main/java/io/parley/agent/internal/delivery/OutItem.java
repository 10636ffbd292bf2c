package io.parley.agent.internal.delivery;

import io.parley.agent.internal.store.OutMessageKind;
import io.parley.agent.internal.store.OutMessageRow;

/**
 * One outbox message as the delivery worker handles it: its id, its place in the connection's
 * sending order and the finished SEND body. Control messages come first: a contact request at
 * {@value #CONTACT_REQUEST_SEQ}, a confirmation at {@value #CONFIRMATION_SEQ}, agent messages
 * from 1. The payload is ciphertext but still never logged.
 */
public record OutItem(String id, long agentMsgId, OutMessageKind kind, byte[] payload) {
  /** Sending position of a contact request (before everything else). */
  public static final long CONTACT_REQUEST_SEQ = -1;
  /** Sending position of a confirmation (before every agent message). */
  public static final long CONFIRMATION_SEQ = 0;

  public static OutItem of(OutMessageRow row) {
    return new OutItem(row.id(), row.agentMsgId(), row.kind(), row.payload());
  }

  /** The outbox id of a connection's message at a sending position. */
  public static String idOf(String connectionId, long agentMsgId) {
    return OutMessageRow.idOf(connectionId, agentMsgId);
  }

  @Override
  public String toString() {
    return "OutItem[id=" + id + ", agentMsgId=" + agentMsgId + ", kind=" + kind + "]";
  }
}

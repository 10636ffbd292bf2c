package io.parley.agent.internal.store;

import io.parley.protocol.command.QueueMode;

/**
 * One row of {@code rcv_queues}. Byte arrays are not copied: treat them as read-only.
 * {@link #toString()} leaves out keys, queue ids and the relay address.
 *
 * @param id internal row id; 0 for a row not yet inserted
 * @param connectionId owning connection, or null for the contact address queue
 * @param relay relay address {@code smp://<keyHash>@host:port}
 * @param rcvAuthKey private key authorizing recipient commands (secret)
 * @param rcvDhKey private DH key used with the relay's per-queue key (secret)
 * @param deliveryKey key of the relay-to-recipient encryption layer (secret)
 * @param e2eKey own per-queue end-to-end DH private key (secret)
 * @param e2ePeerKey the sender's per-queue end-to-end public key, null before its confirmation
 * @param lastRelayMsgId relay message id of the last message stored from this queue, or null
 * @param createdAt UNIT: epoch milliseconds
 * @param updatedAt UNIT: epoch milliseconds
 */
public record RcvQueueRow(
    long id,
    String connectionId,
    String relay,
    byte[] recipientId,
    byte[] senderId,
    byte[] rcvAuthKey,
    byte[] rcvDhKey,
    byte[] deliveryKey,
    byte[] e2eKey,
    byte[] e2ePeerKey,
    QueueMode mode,
    RcvQueueStatus status,
    byte[] lastRelayMsgId,
    long createdAt,
    long updatedAt) {

  @Override
  public String toString() {
    return "RcvQueueRow[id=" + id + ", connectionId=" + connectionId + ", mode=" + mode
        + ", status=" + status + "]";
  }
}

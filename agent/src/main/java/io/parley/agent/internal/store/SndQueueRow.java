package io.parley.agent.internal.store;

/**
 * One row of {@code snd_queues}. Byte arrays are not copied: treat them as read-only.
 * {@link #toString()} leaves out keys, the queue id and the relay address.
 *
 * @param id internal row id; 0 for a row not yet inserted
 * @param relay relay address {@code smp://<keyHash>@host:port}
 * @param sndAuthKey private key signing SEND and SKEY (secret)
 * @param e2eKey own per-queue end-to-end DH private key (secret)
 * @param e2ePeerKey the recipient's per-queue DH public key from the invitation link
 * @param createdAt UNIT: epoch milliseconds
 * @param updatedAt UNIT: epoch milliseconds
 */
public record SndQueueRow(
    long id,
    String connectionId,
    String relay,
    byte[] senderId,
    byte[] sndAuthKey,
    byte[] e2eKey,
    byte[] e2ePeerKey,
    SndQueueStatus status,
    long createdAt,
    long updatedAt) {

  @Override
  public String toString() {
    return "SndQueueRow[id=" + id + ", connectionId=" + connectionId + ", status=" + status
        + "]";
  }
}

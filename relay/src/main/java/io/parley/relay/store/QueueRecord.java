package io.parley.relay.store;

import io.parley.protocol.command.QueueMode;

/**
 * A queue as the relay knows it. Immutable; a change produces a new record.
 *
 * @param recipientId 24 random bytes, names the queue in recipient commands
 * @param senderId 24 random bytes unrelated to {@code recipientId}, names it in sender commands
 * @param recipientAuthKey X25519 public key that authorizes recipient commands
 * @param deliveryKey AES-256 key derived from the relay's per-queue DH secret with the
 *     recipient's DH key; the relay's DH private key itself is never kept
 * @param senderAuthKey X25519 public key that authorizes SEND, or {@code null} while unsecured
 */
public record QueueRecord(
    byte[] recipientId,
    byte[] senderId,
    byte[] recipientAuthKey,
    byte[] deliveryKey,
    byte[] senderAuthKey,
    QueueMode mode,
    QueueStatus status) {

  public boolean secured() {
    return senderAuthKey != null;
  }

  public QueueRecord withSenderKey(byte[] key) {
    return new QueueRecord(recipientId, senderId, recipientAuthKey, deliveryKey, key, mode, status);
  }

  public QueueRecord withStatus(QueueStatus s) {
    return new QueueRecord(
        recipientId, senderId, recipientAuthKey, deliveryKey, senderAuthKey, mode, s);
  }

  @Override
  public String toString() {
    return "QueueRecord[" + mode + ", " + status + ", secured=" + secured() + "]";
  }
}

package io.parley.relay.server;

import io.parley.protocol.codec.ByteKey;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which connection is subscribed to each queue (at most one). Moving a subscription tells the
 * previous connection, which then sends END. Thread-safe; sessions change their own state only
 * on their own event loop.
 */
final class Subscriptions {
  private final ConcurrentHashMap<ByteKey, Session> owners = new ConcurrentHashMap<>();

  /** Makes {@code session} the subscriber; the previous one, if another, is told to end. */
  void subscribe(ByteKey recipientId, Session session) {
    Session previous = owners.put(recipientId, session);
    if (previous != null && previous != session) {
      previous.runOnLoop(() -> previous.subscriptionMoved(recipientId));
    }
  }

  Session owner(ByteKey recipientId) {
    return owners.get(recipientId);
  }

  /** Removes the subscription only if {@code session} still holds it. */
  void unsubscribe(ByteKey recipientId, Session session) {
    owners.remove(recipientId, session);
  }

  /** Drops the subscription whoever holds it (the queue was deleted). */
  void remove(ByteKey recipientId) {
    Session previous = owners.remove(recipientId);
    if (previous != null) {
      previous.runOnLoop(() -> previous.forget(recipientId));
    }
  }

  /** Subscribed queues across all connections. */
  int size() {
    return owners.size();
  }

  /** Asks the subscriber of a queue, if any, to deliver its next message. */
  void notifyNewMessage(ByteKey recipientId) {
    Session s = owners.get(recipientId);
    if (s != null) {
      s.runOnLoop(() -> s.deliverAndFlush(recipientId));
    }
  }
}

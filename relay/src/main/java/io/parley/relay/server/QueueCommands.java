package io.parley.relay.server;

import io.parley.protocol.ErrorCode;
import io.parley.protocol.command.Command;
import io.parley.protocol.command.QueueMode;
import io.parley.protocol.command.Response;
import io.parley.protocol.crypto.CryptoException;
import io.parley.protocol.crypto.DeliveryCrypto;
import io.parley.protocol.crypto.X25519;
import io.parley.relay.store.QueueRecord;
import io.parley.relay.store.QueueStatus;
import java.util.Arrays;

/** Queue lifecycle commands: NEW, KEY, SKEY, OFF, DEL (docs/protocol.md section 7). Stateless. */
final class QueueCommands {
  private static final Response OK = new Response.Ok();

  private QueueCommands() {}

  /**
   * Creates a queue. The relay's per-queue X25519 private key lives only for this call: just
   * the delivery key derived from it is stored. Over the per-connection rate: {@code ERR QUOTA}.
   */
  static void newQueue(Session s, Request t, Command.New c) {
    if (!s.tryCreateQueue()) {
      s.respondError(t, ErrorCode.QUOTA);
      return;
    }
    if (!s.authorizer().verify(t, c.recipientAuthKey())) {
      s.respondError(t, ErrorCode.AUTH);
      return;
    }
    X25519.KeyPair relayKey = X25519.generate();
    byte[] deliveryKey;
    try {
      deliveryKey = DeliveryCrypto.deliveryKey(X25519.agree(relayKey.privateKey(),
          c.recipientDhKey()));
    } catch (CryptoException e) {
      // Unreachable for a decoded NEW (low-order keys are refused as syntax); kept for safety.
      s.respondError(t, ErrorCode.CMD_SYNTAX);
      return;
    }
    RelayContext relay = s.relay();
    s.respondWhenDone(t, relay.store().createQueue(c.recipientAuthKey(), deliveryKey, c.mode()),
        q -> {
          relay.counters().queuesCreated.increment();
          if (c.subscribe()) {
            s.subscribe(q.recipientId(), q.deliveryKey());
          }
          return new Response.Ids(q.recipientId(), q.senderId(), relayKey.publicKey(), q.mode());
        });
  }

  /**
   * The recipient secures the queue; repeating it with the same key is a harmless retry. A
   * suspended queue takes no new sender key, as for SKEY.
   */
  static void key(Session s, Request t, Command.Key c) {
    QueueRecord q = QueueAccess.recipient(s, t);
    if (q == null) {
      return;
    }
    if (q.status() != QueueStatus.ACTIVE) {
      s.respondError(t, ErrorCode.AUTH);
    } else {
      secure(s, t, q, c.senderAuthKey());
    }
  }

  /** The sender secures a messaging queue with the key that authorizes this very command. */
  static void senderKey(Session s, Request t, Command.SKey c) {
    QueueRecord q = s.relay().store().bySenderId(t.entityId()).orElse(null);
    if (q == null) {
      s.authorizer().reject(t);
      s.respondError(t, ErrorCode.AUTH);
    } else if (!s.authorizer().verify(t, c.senderAuthKey()) || q.status() != QueueStatus.ACTIVE) {
      s.respondError(t, ErrorCode.AUTH);
    } else {
      secure(s, t, q, c.senderAuthKey());
    }
  }

  private static void secure(Session s, Request t, QueueRecord q, byte[] senderKey) {
    if (q.mode() == QueueMode.CONTACT) {
      s.respondError(t, ErrorCode.CMD_PROHIBITED);
    } else if (q.secured()) {
      boolean retry = Arrays.equals(q.senderAuthKey(), senderKey);
      s.respond(t, retry ? OK : new Response.Err(ErrorCode.AUTH));
    } else {
      s.respondWhenDone(t, s.relay().store().secure(q.recipientId(), senderKey), r -> OK);
    }
  }

  /** Suspends the queue: SENDs get AUTH from now on, the recipient may still drain it. */
  static void off(Session s, Request t) {
    QueueRecord q = QueueAccess.recipient(s, t);
    if (q != null) {
      s.respondWhenDone(t, s.relay().store().suspend(q.recipientId()), r -> OK);
    }
  }

  /** Deletes the queue and its messages; OK only once that is durable. */
  static void delete(Session s, Request t) {
    QueueRecord q = QueueAccess.recipient(s, t);
    if (q != null) {
      RelayContext relay = s.relay();
      s.respondWhenDone(t, relay.store().deleteQueue(q.recipientId()), existed -> {
        s.queueDeleted(q.recipientId());
        if (existed) {
          relay.counters().queuesDeleted.increment();
        }
        return OK;
      });
    }
  }
}

package io.parley.relay.server;

import io.parley.protocol.codec.ByteKey;
import io.parley.protocol.ErrorCode;
import io.parley.protocol.command.Command;
import io.parley.protocol.command.Response;
import io.parley.relay.store.AppendResult;
import io.parley.relay.store.QueueRecord;

/** Message flow commands: SEND, SUB, ACK (docs/protocol.md section 7). Stateless. */
final class MessageCommands {
  private static final Response OK = new Response.Ok();

  private MessageCommands() {}

  /** Appends a message; OK once it is durable, then the subscriber (if any) is woken. */
  static void send(Session s, Request t, Command.Send c) {
    QueueRecord q = QueueAccess.sender(s, t);
    if (q == null) {
      return;
    }
    RelayContext relay = s.relay();
    byte[] rid = q.recipientId();
    s.respondWhenDone(t, relay.store().append(rid, c.notifyFlag(), c.body(), relay.nowSeconds()),
        result -> {
          if (result instanceof AppendResult.Appended) {
            relay.counters().messagesSent.increment();
            relay.subscriptions().notifyNewMessage(new ByteKey(rid));
            return OK;
          }
          if (result instanceof AppendResult.QuotaExceeded) {
            relay.subscriptions().notifyNewMessage(new ByteKey(rid)); // the quota marker
            return new Response.Err(ErrorCode.QUOTA);
          }
          return new Response.Err(ErrorCode.AUTH); // deleted meanwhile
        });
  }

  /** Subscribes this connection (taking over from another) and (re)delivers the oldest message. */
  static void subscribe(Session s, Request t) {
    QueueRecord q = QueueAccess.recipient(s, t);
    if (q != null) {
      s.respond(t, OK);
      s.subscribe(q.recipientId(), q.deliveryKey());
    }
  }

  /** Removes the message in flight if {@code msgId} names it, then delivers the next one. */
  static void acknowledge(Session s, Request t, Command.Ack c) {
    QueueRecord q = QueueAccess.recipient(s, t);
    if (q == null) {
      return;
    }
    if (s.acknowledge(q.recipientId(), c.msgId())) {
      s.respond(t, OK);
      s.deliverNext(q.recipientId());
    } else {
      s.respondError(t, ErrorCode.NO_MSG);
    }
  }
}

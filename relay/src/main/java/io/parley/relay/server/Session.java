package io.parley.relay.server;

import io.parley.protocol.codec.ByteKey;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.parley.protocol.ErrorCode;
import io.parley.protocol.Transmission;
import io.parley.protocol.command.Commands;
import io.parley.protocol.command.Response;
import io.parley.relay.store.QueueNotFoundException;
import io.parley.relay.store.SenderKeyConflictException;
import io.parley.relay.store.StoredMessage;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;

/**
 * One client connection after its handshake: the session keys, the authorization cache, the
 * queues this connection is subscribed to with the message in flight on each, and the ordered
 * outbound queue. Delivers at most one unacknowledged message per subscription, and none while
 * the client is not reading (its channel is not writable).
 *
 * <p>Confined to the connection's event loop; other threads reach it through
 * {@link #runOnLoop(Runnable)}.
 */
final class Session {
  /**
   * Responses pending (waiting on the store or unwritten) beyond which the relay stops reading
   * from the client. UNIT: responses.
   */
  static final int MAX_PENDING_RESPONSES = 1024;

  private static final byte[] EMPTY = new byte[0];

  /** Delivery state of one subscribed queue. */
  private static final class Subscription {
    final byte[] deliveryKey;
    byte[] inFlightMsgId;

    Subscription(byte[] deliveryKey) {
      this.deliveryKey = deliveryKey;
    }
  }

  private final RelayContext relay;
  private final Channel channel;
  private final Authorizer authorizer;
  private final NewQueueRateLimiter newQueueLimiter;
  private final OutboundQueue out;
  private final Map<ByteKey, Subscription> subscriptions = new HashMap<>();
  private final Set<ByteKey> awaitingWritability = new LinkedHashSet<>();
  private boolean closed;

  Session(RelayContext relay, Channel channel, byte[] sessionId, byte[] sessionPrivateKey) {
    this.relay = relay;
    this.channel = channel;
    this.authorizer = new Authorizer(sessionId, sessionPrivateKey);
    this.newQueueLimiter = new NewQueueRateLimiter(
        relay.config().maxNewQueuesPerConnectionPerMinute(), System.nanoTime());
    this.out = new OutboundQueue(channel, relay.counters(), this::updateReading);
  }

  RelayContext relay() {
    return relay;
  }

  Authorizer authorizer() {
    return authorizer;
  }

  boolean tryCreateQueue() {
    return newQueueLimiter.tryAcquire(System.nanoTime());
  }

  /** Runs {@code task} on this connection's event loop (dropped once the loop has shut down). */
  void runOnLoop(Runnable task) {
    try {
      channel.eventLoop().execute(task);
    } catch (RejectedExecutionException e) {
      // The relay is shutting down; the client will resubscribe elsewhere or later.
    }
  }

  // --- responses ---------------------------------------------------------------------------

  void respond(Request command, Response response) {
    out.add(encode(command, response));
  }

  void respondError(Request command, ErrorCode code) {
    respond(command, new Response.Err(code));
  }

  /**
   * Answers once {@code future} completes, keeping this response's place in the order.
   * {@code onDone} runs on the event loop and may change session state. A future failed with
   * {@link QueueNotFoundException} (the queue was deleted meanwhile) is answered
   * {@code ERR AUTH}, any other failure {@code ERR INTERNAL}.
   */
  <T> void respondWhenDone(
      Request command, CompletableFuture<T> future, Function<T, Response> onDone) {
    OutboundQueue.Slot slot = out.reserve();
    relay.pendingWrites().started();
    future.whenComplete((value, failure) -> runOnLoop(() -> {
      Response r;
      if (failure != null) {
        Throwable cause = failure instanceof CompletionException c ? c.getCause() : failure;
        r = new Response.Err(cause instanceof QueueNotFoundException
            || cause instanceof SenderKeyConflictException ? ErrorCode.AUTH : ErrorCode.INTERNAL);
      } else {
        try {
          r = onDone.apply(value);
        } catch (RuntimeException e) {
          r = new Response.Err(ErrorCode.INTERNAL);
        }
      }
      out.complete(slot, encode(command, r));
      relay.pendingWrites().finished();
    }));
  }

  private byte[] encode(Request command, Response response) {
    if (response instanceof Response.Err err) {
      relay.counters().error(err.code());
    }
    return new Transmission(EMPTY, command.corrId(), command.entityId(), Commands.encode(response))
        .encode();
  }

  /** Answers a block that did not decode with {@code ERR BLOCK}, then closes the connection. */
  void failBlock() {
    closed = true;
    byte[] err = Commands.encode(new Response.Err(ErrorCode.BLOCK));
    out.add(new Transmission(EMPTY, EMPTY, EMPTY, err).encode());
    out.flush();
    channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
  }

  boolean closing() {
    return closed;
  }

  void flush() {
    out.flush();
  }

  // --- subscriptions and delivery ----------------------------------------------------------

  /** Makes this connection the queue's subscriber and (re)delivers its oldest message. */
  void subscribe(byte[] recipientId, byte[] deliveryKey) {
    if (closed) {
      return;
    }
    ByteKey rid = new ByteKey(recipientId);
    relay.subscriptions().subscribe(rid, this);
    Subscription s = subscriptions.computeIfAbsent(rid, k -> new Subscription(deliveryKey));
    s.inFlightMsgId = null;
    deliver(rid);
  }

  int subscriptionCount() {
    return subscriptions.size();
  }

  /**
   * Handles ACK: removes the delivered message and delivers the next one.
   *
   * @return false if {@code msgId} is not the message in flight on this connection
   */
  boolean acknowledge(byte[] recipientId, byte[] msgId) {
    ByteKey rid = new ByteKey(recipientId);
    Subscription s = subscriptions.get(rid);
    if (s == null || s.inFlightMsgId == null || !Arrays.equals(s.inFlightMsgId, msgId)) {
      return false;
    }
    relay.store().remove(recipientId, msgId);
    s.inFlightMsgId = null;
    return true;
  }

  /** Delivers the queue's next message after an ACK response has been queued. */
  void deliverNext(byte[] recipientId) {
    deliver(new ByteKey(recipientId));
  }

  /** A message arrived on a queue this connection may be subscribed to. */
  void deliverAndFlush(ByteKey rid) {
    deliver(rid);
    out.scheduleFlush();
  }

  private void deliver(ByteKey rid) {
    Subscription s = subscriptions.get(rid);
    if (s == null || s.inFlightMsgId != null || closed) {
      return;
    }
    if (!channel.isWritable()) {
      if (awaitingWritability.add(rid)) {
        relay.counters().deliveriesDeferred.increment();
      }
      return;
    }
    Optional<StoredMessage> next = relay.store().peek(rid.bytes());
    if (next.isEmpty()) {
      return;
    }
    StoredMessage m = next.get();
    s.inFlightMsgId = m.msgId();
    out.add(new OutboundQueue.Delivery(rid.bytes(), m, s.deliveryKey));
    out.write(); // nearly a full block: let writability see it before the next delivery
    relay.counters().messagesDelivered.increment();
  }

  /** Another connection took the subscription: stop delivering and tell the client. */
  void subscriptionMoved(ByteKey rid) {
    if (relay.subscriptions().owner(rid) == this) {
      return; // subscribed here again before this notice arrived
    }
    awaitingWritability.remove(rid);
    if (subscriptions.remove(rid) != null && !closed) {
      out.add(Transmission.event(rid.bytes(), Commands.encode(new Response.End())).encode());
      out.scheduleFlush();
    }
  }

  /** The queue was deleted: drop its delivery state silently. */
  void forget(ByteKey rid) {
    awaitingWritability.remove(rid);
    subscriptions.remove(rid);
  }

  /** Deletes the queue's subscription, wherever it is, as part of DEL. */
  void queueDeleted(byte[] recipientId) {
    ByteKey rid = new ByteKey(recipientId);
    forget(rid);
    relay.subscriptions().remove(rid);
  }

  // --- flow control ------------------------------------------------------------------------

  void writabilityChanged() {
    if (channel.isWritable() && !awaitingWritability.isEmpty()) {
      ByteKey[] waiting = awaitingWritability.toArray(new ByteKey[0]);
      awaitingWritability.clear();
      for (ByteKey rid : waiting) {
        deliver(rid);
      }
      out.flush();
    }
    updateReading();
  }

  /**
   * Reads from the client only while it reads from us and its pending work is bounded, so a
   * client that stops reading costs buffers of bounded size and no event-loop time.
   */
  void updateReading() {
    boolean read = channel.isWritable() && out.pending() < MAX_PENDING_RESPONSES
        && !relay.closing() && !closed;
    if (channel.config().isAutoRead() != read) {
      channel.config().setAutoRead(read);
    }
  }

  /** The connection closed: release its subscriptions so other connections may take them. */
  void closed() {
    closed = true;
    for (ByteKey rid : subscriptions.keySet()) {
      relay.subscriptions().unsubscribe(rid, this);
    }
    subscriptions.clear();
    awaitingWritability.clear();
  }
}

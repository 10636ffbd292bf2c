package io.parley.protocol.command;

import io.parley.protocol.ErrorCode;

/** Responses and events a relay sends. Events (MSG, END) carry an empty correlation id. */
public sealed interface Response
    permits Response.Ids, Response.Msg, Response.End, Response.Ok, Response.Pong, Response.Err {

  /** Reply to NEW: the two unrelated ids and the relay's per-queue DH public key. */
  record Ids(byte[] recipientId, byte[] senderId, byte[] relayDhKey, QueueMode mode)
      implements Response {}

  /**
   * A delivered message: {@code encBody} is the relay's AEAD over the padded
   * {@link DeliveredMessage}, keyed by the per-queue DH secret with the message id as nonce.
   */
  record Msg(byte[] msgId, byte[] encBody) implements Response {}

  /** Another connection subscribed to this queue; this one gets no more deliveries. */
  record End() implements Response {}

  record Ok() implements Response {}

  record Pong() implements Response {}

  record Err(ErrorCode code) implements Response {}
}

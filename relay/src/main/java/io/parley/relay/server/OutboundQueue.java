package io.parley.relay.server;

import io.netty.channel.Channel;
import io.parley.relay.store.StoredMessage;
import java.util.ArrayDeque;

/**
 * The responses and events of one connection, in the order their commands arrived. A response
 * whose store write is still pending holds its place (a {@link Slot}) so later responses wait
 * behind it; every write packs the ready prefix into as few blocks as possible
 * ({@link BlockWriter}), which is what lets hundreds of OK/PONG replies share one 16 KB TLS
 * record and an ACK's OK ride with the next MSG.
 *
 * <p>Confined to the connection's event loop.
 */
final class OutboundQueue {
  /** A MSG to encode when written: the queue, the message and the key to seal it with. */
  record Delivery(byte[] recipientId, StoredMessage message, byte[] deliveryKey) {}

  /** A reserved place in the response order; filled once its command completes. */
  static final class Slot {
    private Object payload; // byte[] transmission or Delivery; null while pending
  }

  private final Channel channel;
  private final RelayCounters counters;
  private final Runnable afterFlush;
  private final ArrayDeque<Slot> slots = new ArrayDeque<>();
  private final Runnable flushTask = this::runScheduledFlush;
  private boolean flushScheduled;
  private boolean unflushed;

  /** @param afterFlush runs after every flush (the session re-evaluates reading) */
  OutboundQueue(Channel channel, RelayCounters counters, Runnable afterFlush) {
    this.channel = channel;
    this.counters = counters;
    this.afterFlush = afterFlush;
  }

  /** Reserves the next place in the response order. */
  Slot reserve() {
    Slot s = new Slot();
    slots.add(s);
    return s;
  }

  /** Appends a ready transmission (an immediate response or an event). */
  void add(byte[] transmission) {
    reserve().payload = transmission;
  }

  /** Appends a MSG event. */
  void add(Delivery delivery) {
    reserve().payload = delivery;
  }

  /** Fills a reserved place and makes sure a flush follows (async completions only). */
  void complete(Slot slot, byte[] transmission) {
    slot.payload = transmission;
    scheduleFlush();
  }

  /** Responses reserved or ready but not yet written. */
  int pending() {
    return slots.size();
  }

  /**
   * Flushes on a later turn of the event loop, so store completions that arrive together share
   * one flush and therefore blocks.
   */
  void scheduleFlush() {
    if (!flushScheduled) {
      flushScheduled = true;
      channel.eventLoop().execute(flushTask);
    }
  }

  private void runScheduledFlush() {
    flushScheduled = false;
    flush();
  }

  /** Writes every ready response at the head of the order, batched into blocks, and flushes. */
  void flush() {
    write();
    if (unflushed) {
      unflushed = false;
      channel.flush();
    }
    afterFlush.run();
  }

  /**
   * Hands the ready prefix to the channel without flushing, so channel writability accounts
   * for it at once (used before deciding whether to deliver more).
   */
  void write() {
    if (slots.isEmpty() || slots.peekFirst().payload == null) {
      return;
    }
    boolean active = channel.isActive();
    BlockWriter writer = new BlockWriter(channel.alloc(), block -> {
      channel.write(block, channel.voidPromise());
      counters.blocksSent.increment();
      unflushed = true;
    });
    while (!slots.isEmpty() && slots.peekFirst().payload != null) {
      Object p = slots.pollFirst().payload;
      if (!active) {
        continue;
      }
      if (p instanceof Delivery d) {
        writer.add(d);
      } else {
        writer.add((byte[]) p);
      }
    }
    writer.finish();
  }
}

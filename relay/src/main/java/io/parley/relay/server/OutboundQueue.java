package io.parley.relay.server;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.parley.protocol.Block;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The responses and events of one connection, in the order their commands arrived. A response
 * whose store write is still pending holds its place (a {@link Slot}) so later responses wait
 * behind it; every flush packs the ready prefix into as few blocks as possible, which is what
 * lets hundreds of OK/PONG replies share one 16 KB TLS record.
 *
 * <p>Confined to the connection's event loop.
 */
final class OutboundQueue {
  /** A reserved place in the response order; filled once its command completes. */
  static final class Slot {
    private byte[] transmission;
  }

  private final Channel channel;
  private final Runnable afterFlush;
  private final ArrayDeque<Slot> slots = new ArrayDeque<>();
  private final Runnable flushTask = this::runScheduledFlush;
  private boolean flushScheduled;
  private boolean unflushed;

  /** @param afterFlush runs after every flush (the session re-evaluates reading) */
  OutboundQueue(Channel channel, Runnable afterFlush) {
    this.channel = channel;
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
    reserve().transmission = transmission;
  }

  /** Fills a reserved place and makes sure a flush follows (async completions only). */
  void complete(Slot slot, byte[] transmission) {
    slot.transmission = transmission;
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
    if (slots.isEmpty() || slots.peekFirst().transmission == null) {
      return;
    }
    List<byte[]> ready = new ArrayList<>();
    while (!slots.isEmpty() && slots.peekFirst().transmission != null) {
      ready.add(slots.pollFirst().transmission);
    }
    if (!channel.isActive()) {
      return;
    }
    for (byte[] block : Block.batch(ready)) {
      channel.write(Unpooled.wrappedBuffer(block), channel.voidPromise());
    }
    unflushed = true;
  }
}

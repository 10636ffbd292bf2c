package io.parley.relay.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.parley.protocol.ProtocolLimits;
import io.parley.protocol.codec.Padding;
import java.util.Arrays;

/**
 * Packs outbound transmissions, in order, into padded 16 KB blocks written directly into
 * pooled buffers (docs/protocol.md section 2): the same bytes as
 * {@link io.parley.protocol.Block#batch}, without intermediate copies. A MSG is encoded in
 * place by {@link DeliveryEncoder} and shares its block with the small replies around it.
 *
 * <p>One per flush; not thread-safe.
 */
final class BlockWriter {
  private static final int CONTENT_OFFSET = Padding.PREFIX_BYTES;
  private static final int MAX_CONTENT = ProtocolLimits.BLOCK_BYTES - Padding.PREFIX_BYTES;
  private static final byte[] FILL = new byte[ProtocolLimits.BLOCK_BYTES];

  static {
    Arrays.fill(FILL, Padding.FILL);
  }

  /** Where finished blocks go. */
  interface Output {
    void block(ByteBuf block);
  }

  private final ByteBufAllocator alloc;
  private final Output output;
  private ByteBuf block;
  private int count;

  BlockWriter(ByteBufAllocator alloc, Output output) {
    this.alloc = alloc;
    this.output = output;
  }

  /** Appends an encoded transmission. */
  void add(byte[] transmission) {
    reserve(transmission.length);
    block.writeShort(transmission.length).writeBytes(transmission);
  }

  /** Appends a MSG event, encrypted in place. */
  void add(OutboundQueue.Delivery d) {
    reserve(DeliveryEncoder.TRANSMISSION_BYTES);
    block.writeShort(DeliveryEncoder.TRANSMISSION_BYTES);
    DeliveryEncoder.forThisThread().write(block, d.recipientId(), d.message(), d.deliveryKey());
  }

  private void reserve(int transmissionBytes) {
    if (block != null && (count == ProtocolLimits.MAX_BATCH
        || used() + 2 + transmissionBytes > MAX_CONTENT)) {
      finish();
    }
    if (block == null) {
      block = alloc.heapBuffer(ProtocolLimits.BLOCK_BYTES, ProtocolLimits.BLOCK_BYTES);
      block.writerIndex(CONTENT_OFFSET + 1); // length and count are set when finished
      count = 0;
    }
    count++;
  }

  private int used() {
    return block.writerIndex() - CONTENT_OFFSET;
  }

  /** Completes the last block, if any. */
  void finish() {
    if (block == null) {
      return;
    }
    block.setShort(0, used());
    block.setByte(CONTENT_OFFSET, count);
    block.writeBytes(FILL, 0, block.writableBytes());
    ByteBuf done = block;
    block = null;
    output.block(done);
  }
}

package io.parley.transport.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Moves received bytes to heap buffers (as {@link HeapInbound} does, for the same reason) and
 * passes them on in whole TLS records only, keeping an incomplete record's start until the rest
 * arrives. The {@link io.netty.handler.ssl.SslHandler} after it then never has to accumulate:
 * its own accumulation copied the whole previous read into a larger buffer every time a
 * 16 KB record straddled two reads. Here only the straddling record's start is copied again.
 *
 * <p>Bytes that do not look like TLS records (a length beyond what TLS allows, or an SSLv2
 * header) are passed on unframed from then on, for the SslHandler to reject. Holds at most one
 * incomplete record plus one read. One instance per connection, confined to its event loop.
 */
public final class TlsRecordInbound extends ChannelInboundHandlerAdapter {
  /** Content type, version and length before each record. UNIT: bytes. */
  static final int HEADER_BYTES = 5;
  /** Largest TLS record: 2^14 bytes plus 2048 of expansion (RFC 5246 6.2.3). UNIT: bytes. */
  static final int MAX_RECORD_BYTES = HEADER_BYTES + (1 << 14) + 2048;
  /** SSLv2-style headers set the top bit of the first byte; TLS content types never do. */
  private static final int SSL2_MARK = 0x80;

  /** Unforwarded bytes (the start of an incomplete record); null when none. */
  private ByteBuf pending;
  /** Set once the stream stopped looking like TLS records. */
  private boolean unframed;

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof ByteBuf in)) {
      ctx.fireChannelRead(msg);
      return;
    }
    ByteBuf heap;
    try {
      int kept = pending == null ? 0 : pending.readableBytes();
      heap = ctx.alloc().heapBuffer(kept + in.readableBytes());
      if (pending != null) {
        heap.writeBytes(pending);
        pending.release();
        pending = null;
      }
      heap.writeBytes(in);
    } finally {
      in.release();
    }
    int whole = unframed ? heap.readableBytes() : wholeRecordBytes(heap);
    if (whole == heap.readableBytes()) {
      ctx.fireChannelRead(heap);
      return;
    }
    if (whole > 0) {
      ctx.fireChannelRead(heap.readRetainedSlice(whole));
    }
    pending = heap;
  }

  /**
   * Bytes of the whole records at the start of {@code buf}; all of it once the stream is found
   * not to be TLS records.
   */
  private int wholeRecordBytes(ByteBuf buf) {
    int start = buf.readerIndex();
    int end = buf.writerIndex();
    int pos = start;
    while (end - pos >= HEADER_BYTES) {
      int length = buf.getUnsignedShort(pos + 3);
      if ((buf.getUnsignedByte(pos) & SSL2_MARK) != 0
          || HEADER_BYTES + length > MAX_RECORD_BYTES) {
        unframed = true;
        return end - start;
      }
      if (end - pos < HEADER_BYTES + length) {
        break;
      }
      pos += HEADER_BYTES + length;
    }
    return pos - start;
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    releasePending();
    ctx.fireChannelInactive();
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    releasePending();
  }

  private void releasePending() {
    if (pending != null) {
      pending.release();
      pending = null;
    }
  }
}

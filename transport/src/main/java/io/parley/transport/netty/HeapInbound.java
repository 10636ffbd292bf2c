package io.parley.transport.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Moves received bytes from Netty's direct socket buffers to heap buffers before TLS. On JDK
 * 17 the SSLEngine's AES-GCM runs its GHASH in plain Java for direct buffers (a third of the
 * relay's CPU under load) but with CPU intrinsics for heap arrays; one 16 KB copy per record is
 * far cheaper. Used by the daemon's relay client; the relay's server channels use
 * {@link TlsRecordInbound}, which also saves the TLS handler's accumulation copies. Stateless
 * and shared.
 */
@ChannelHandler.Sharable
public final class HeapInbound extends ChannelInboundHandlerAdapter {
  public static final HeapInbound INSTANCE = new HeapInbound();
  /** Channel allocator that prefers heap buffers, so TLS output also stays on the intrinsics. */
  public static final PooledByteBufAllocator HEAP_ALLOCATOR = new PooledByteBufAllocator(false);

  private HeapInbound() {}

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof ByteBuf direct && direct.isDirect()) {
      ByteBuf heap = ctx.alloc().heapBuffer(direct.readableBytes());
      try {
        heap.writeBytes(direct);
      } finally {
        direct.release();
      }
      ctx.fireChannelRead(heap);
    } else {
      ctx.fireChannelRead(msg);
    }
  }
}

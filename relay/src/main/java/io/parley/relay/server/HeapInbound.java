package io.parley.relay.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Moves received bytes from Netty's direct socket buffers to heap buffers before TLS. On JDK
 * 17 the SSLEngine's AES-GCM runs its GHASH in plain Java for direct buffers (a third of the
 * relay's CPU under load) but with CPU intrinsics for heap arrays; one 16 KB copy per record is
 * far cheaper. Stateless and shared.
 */
@ChannelHandler.Sharable
final class HeapInbound extends ChannelInboundHandlerAdapter {
  static final HeapInbound INSTANCE = new HeapInbound();

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

package io.parley.relay.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;

/**
 * Netty side of an established {@link Session}: feeds each received block to the
 * {@link Dispatcher}, flushes batched responses when a read burst ends, follows channel
 * writability, and closes the connection when it idles without subscriptions.
 *
 * <p>One instance per connection, confined to its event loop.
 */
final class SessionHandler extends ChannelInboundHandlerAdapter {
  private final Session session;

  SessionHandler(Session session) {
    this.session = session;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      // Once the relay is closing, commands are left unanswered (and unexecuted), so a client
      // can tell what to retry: everything answered OK was done.
      if (!session.closing() && !session.relay().closing()) {
        Dispatcher.onBlock(session, (ByteBuf) msg);
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    session.flush();
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    session.writabilityChanged();
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof IdleStateEvent && session.subscriptionCount() == 0) {
      ctx.close();
      return;
    }
    ctx.fireUserEventTriggered(evt);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    session.closed();
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // TLS errors and resets end only this connection; nothing about the client is logged.
    ctx.close();
  }
}

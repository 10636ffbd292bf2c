package io.parley.relay.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import io.parley.protocol.ProtocolLimits;
import io.parley.protocol.VersionRange;
import io.parley.protocol.crypto.SecureRandoms;
import io.parley.protocol.crypto.X25519;
import io.parley.protocol.transport.HandshakeException;
import io.parley.protocol.transport.RelayHello;
import io.parley.protocol.transport.RelayIdentity;
import io.parley.protocol.transport.ServerHandshake;
import io.parley.protocol.transport.Tls;
import java.util.Arrays;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The session handshake of one connection (docs/protocol.md section 4.3): once TLS completes,
 * sends the signed relay hello with a fresh session id and X25519 session key, checks the
 * client hello, then hands the connection to a {@link SessionHandler}. TLS and the hello
 * exchange together must finish within the configured handshake timeout; until then the
 * connection counts as a pending handshake ({@link ConnectionAdmission}). The signature runs on
 * the handshake threads, like TLS's own handshake computations.
 *
 * <p>One instance per connection; its fields are confined to its event loop.
 */
final class HandshakeHandler extends ChannelInboundHandlerAdapter {
  private final RelayContext relay;
  private final RelayIdentity identity;
  private final ConnectionAdmission.Ticket ticket;
  private final Executor handshakeTasks;
  private byte[] sessionId;
  private X25519.KeyPair sessionKey;
  private ScheduledFuture<?> deadline;
  /** A connection fails once, though TLS reports it both as an event and as an exception. */
  private boolean failed;

  HandshakeHandler(RelayContext relay, RelayIdentity identity, ConnectionAdmission.Ticket ticket,
      Executor handshakeTasks) {
    this.relay = relay;
    this.identity = identity;
    this.ticket = ticket;
    this.handshakeTasks = handshakeTasks;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    deadline = ctx.executor().schedule(
        () -> fail(ctx), relay.config().tlsHandshakeTimeoutMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (!(evt instanceof SslHandshakeCompletionEvent done)) {
      ctx.fireUserEventTriggered(evt);
      return;
    }
    if (!done.isSuccess() || !negotiatedAllowedSuite(ctx)) {
      fail(ctx);
      return;
    }
    try {
      handshakeTasks.execute(() -> signHello(ctx));
    } catch (RejectedExecutionException closing) {
      fail(ctx);
    }
  }

  /**
   * True if TLS settled on one of {@link Tls#CIPHER_SUITES}. BoringSSL cannot be told which
   * TLS 1.3 suites to offer (it always allows ChaCha20-Poly1305 too), so a client that offers
   * nothing else is closed here, before the relay hello, as the JDK engine refuses it in TLS.
   */
  private static boolean negotiatedAllowedSuite(ChannelHandlerContext ctx) {
    SslHandler ssl = ctx.pipeline().get(SslHandler.class);
    return ssl != null
        && Arrays.asList(Tls.CIPHER_SUITES).contains(ssl.engine().getSession().getCipherSuite());
  }

  /**
   * On a handshake thread: the key pair and the signature cost about a millisecond, which
   * a flood of completed TLS handshakes must not take from the event loops' sessions.
   */
  private void signHello(ChannelHandlerContext ctx) {
    byte[] id = SecureRandoms.bytes(ProtocolLimits.SESSION_ID_BYTES);
    X25519.KeyPair key = X25519.generate();
    byte[] block = ServerHandshake.helloBlock(
        RelayHello.create(VersionRange.SUPPORTED, id, key.publicKey(), identity));
    try {
      ctx.executor().execute(() -> {
        if (failed || !ctx.channel().isActive()) {
          return;
        }
        sessionId = id;
        sessionKey = key;
        ctx.writeAndFlush(Unpooled.wrappedBuffer(block));
      });
    } catch (RejectedExecutionException closing) {
      // the relay is closing and so is this connection
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    byte[] block;
    try {
      block = ByteBufUtil.getBytes((ByteBuf) msg);
    } finally {
      ReferenceCountUtil.release(msg);
    }
    if (sessionId == null) {
      fail(ctx); // application data before TLS finished cannot happen with a real client
      return;
    }
    try {
      ServerHandshake.accept(block, identity.keyHashBytes(), VersionRange.SUPPORTED);
    } catch (HandshakeException e) {
      fail(ctx);
      return;
    }
    deadline.cancel(false);
    ticket.handshakeFinished();
    relay.counters().handshakesCompleted.increment();
    Session session = new Session(relay, ctx.channel(), sessionId, sessionKey.privateKey());
    ctx.pipeline().replace(this, "session", new SessionHandler(session));
    ctx.pipeline().addBefore("session", "idle", new IdleStateHandler(
        relay.config().idleTimeoutMillis(), 0, 0, TimeUnit.MILLISECONDS));
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    deadline.cancel(false);
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    fail(ctx);
  }

  private void fail(ChannelHandlerContext ctx) {
    if (failed) {
      return;
    }
    failed = true;
    relay.counters().handshakesFailed.increment();
    deadline.cancel(false);
    ctx.close();
  }
}

package io.parley.agent.internal.client;

import io.parley.agent.model.RelayClientConfig;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.FixedLengthFrameDecoder;
import io.netty.handler.ssl.SslHandler;
import io.parley.transport.netty.TlsRecordInbound;
import io.parley.transport.tls.NettyTls;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.parley.protocol.ProtocolLimits;
import io.parley.protocol.VersionRange;
import io.parley.protocol.transport.ClientHandshake;
import io.parley.protocol.transport.HandshakeException;
import io.parley.protocol.transport.RelayAddress;
import io.parley.protocol.transport.Tls;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;

/**
 * One attempt to reach a relay: resolves its name off the event loop, connects, runs TLS with
 * the pinned key hash, then the session handshake, all within one deadline. Reports to its
 * {@link Outcome} on the event loop: {@code sessionUp} at most once, then {@code ended} exactly
 * once, whether the attempt failed or a live session later closed. Not reusable.
 */
final class ConnectAttempt {
  /** How the attempt went. Both calls run on the attempt's event loop. */
  interface Outcome {
    void sessionUp(ConnectAttempt attempt, RelayConnection connection);

    void ended(ConnectAttempt attempt, Throwable cause);
  }

  private final RelayAddress address;
  private final NettyTls tls;
  private final EventLoop loop;
  private final RelayClientConfig config;
  /** Runs blocking name lookups. */
  private final Executor executor;
  /** Completes command futures, in order (the client's serial completion queue). */
  private final Executor completions;
  private final RelayConnection.Events events;
  private final Outcome outcome;
  // Event-loop state.
  private Channel channel;
  private RelayConnection connection;
  private Throwable failure;
  private ScheduledFuture<?> deadline;
  private boolean ended;
  private boolean cancelled;

  ConnectAttempt(RelayAddress address, NettyTls tls, EventLoop loop,
      RelayClientConfig config, Executor executor, Executor completions,
      RelayConnection.Events events, Outcome outcome) {
    this.address = address;
    this.tls = tls;
    this.loop = loop;
    this.config = config;
    this.executor = executor;
    this.completions = completions;
    this.events = events;
    this.outcome = outcome;
  }

  /** Starts the attempt; call on the event loop. */
  void start() {
    deadline = loop.schedule(() -> fail(new RelayTimeoutException("relay handshake took over "
        + config.handshakeTimeoutMillis() + " ms")),
        config.handshakeTimeoutMillis(), TimeUnit.MILLISECONDS);
    try {
      // Name lookups block, so they run on the executor, never on the event loop.
      executor.execute(this::resolveAndConnect);
    } catch (RejectedExecutionException e) {
      fail(new RelayUnavailableException("relay client executor is shut down", e));
    }
  }

  private void resolveAndConnect() {
    InetSocketAddress target = new InetSocketAddress(address.host(), address.port());
    try {
      loop.execute(() -> connect(target));
    } catch (RejectedExecutionException e) {
      // The event loop group is shutting down; the pool is closing and nobody waits.
    }
  }

  private void connect(InetSocketAddress target) {
    if (ended || cancelled) {
      finish();
      return;
    }
    if (target.isUnresolved()) {
      fail(new RelayUnavailableException("relay host name does not resolve"));
      return;
    }
    ChannelFuture f = new Bootstrap()
        .group(loop)
        .channel(NioSocketChannel.class)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) config.connectTimeoutMillis())
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.ALLOCATOR, tls.allocator())
        .handler(new ChannelInitializer<Channel>() {
          @Override
          protected void initChannel(Channel ch) {
            SSLEngine engine =
                tls.newClientEngine(ch.alloc(), address.host(), address.port());
            SslHandler ssl = new SslHandler(engine);
            ssl.setHandshakeTimeoutMillis(config.handshakeTimeoutMillis());
            // As on the relay (RelayChannelInitializer): a 16384-byte block never fits one
            // JDK TLS 1.3 record, so wrap each block as it is rather than copy it into full
            // records, hand the JDK's TLS whole records (on the heap, for the AES-GCM
            // intrinsics), and join a block's pieces without copying them; the handler copies
            // it once.
            ssl.setWrapDataSize(0);
            FixedLengthFrameDecoder frames =
                new FixedLengthFrameDecoder(ProtocolLimits.BLOCK_BYTES);
            frames.setCumulator(ByteToMessageDecoder.COMPOSITE_CUMULATOR);
            if (tls.wantsHeapRecords()) {
              ch.pipeline().addLast(new TlsRecordInbound());
            }
            ch.pipeline().addLast(ssl, frames, new Handler(ssl));
          }
        })
        .connect(target);
    channel = f.channel();
    f.addListener(done -> {
      if (!done.isSuccess()) {
        recordFailure(done.cause());
        channel.close();
      }
    });
    channel.closeFuture().addListener(done -> finish());
  }

  /** Stops the attempt or its session; {@code ended} follows. Any thread. */
  void cancel(Throwable cause) {
    try {
      loop.execute(() -> {
        cancelled = true;
        fail(cause);
      });
    } catch (RejectedExecutionException e) {
      // The event loop is gone, and with it the channel.
    }
  }

  private void fail(Throwable cause) {
    recordFailure(cause);
    if (connection != null) {
      connection.close(cause);
    } else if (channel != null) {
      channel.close();
    } else {
      finish();
    }
  }

  private void recordFailure(Throwable cause) {
    if (failure == null) {
      failure = cause;
    }
  }

  private void finish() {
    if (ended) {
      return;
    }
    ended = true;
    deadline.cancel(false);
    Throwable cause = failure;
    if (connection != null) {
      connection.onClosed(cause != null ? cause
          : new RelayUnavailableException("relay closed the connection"));
      cause = connection.closeCause();
    }
    if (cause == null) {
      cause = new RelayUnavailableException("relay closed the connection");
    }
    outcome.ended(this, cause);
  }

  private void sessionStarted(ChannelHandlerContext ctx, SslHandler ssl, byte[] helloBlock) {
    try {
      X509Certificate[] chain = Tls.peerChain(ssl.engine().getSession());
      ClientHandshake.Result r = ClientHandshake.respond(
          helloBlock, chain, address.keyHashBytes(), VersionRange.SUPPORTED,
          Clock.systemUTC());
      ctx.writeAndFlush(Unpooled.wrappedBuffer(r.clientHelloBlock()));
      deadline.cancel(false);
      connection = new RelayConnection(ctx.channel(), r.session(), events, completions);
      connection.startPings(config.pingIntervalMillis(), config.maxMissedPings());
      outcome.sessionUp(this, connection);
    } catch (HandshakeException | SSLException e) {
      fail(e);
    }
  }

  /** The per-channel pipeline end: hello first, then session blocks. */
  private final class Handler extends SimpleChannelInboundHandler<ByteBuf> {
    private final SslHandler ssl;

    Handler(SslHandler ssl) {
      this.ssl = ssl;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
      if (evt instanceof SslHandshakeCompletionEvent e && !e.isSuccess()) {
        fail(e.cause());
      }
      super.userEventTriggered(ctx, evt);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
      byte[] block = ByteBufUtil.getBytes(frame);
      if (connection == null) {
        if (ssl.handshakeFuture().isSuccess() && !ended) {
          sessionStarted(ctx, ssl, block);
        }
        return;
      }
      try {
        connection.onBlock(block);
      } catch (RelayProtocolException e) {
        fail(e);
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      fail(cause);
    }
  }
}

package io.parley.relay.server;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.FixedLengthFrameDecoder;
import io.netty.handler.ssl.SslHandler;
import io.parley.relay.netty.HeapInbound;
import io.parley.protocol.ProtocolLimits;
import io.parley.protocol.transport.RelayIdentity;
import io.parley.protocol.transport.Tls;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * Builds each accepted connection's pipeline: TLS, fixed 16384-byte frames, then the session
 * handshake. Connections beyond the configured maximum are closed before TLS starts.
 * Thread-safe (shared by all connections).
 */
final class RelayChannelInitializer extends ChannelInitializer<SocketChannel> {
  private final RelayContext relay;
  private final RelayIdentity identity;
  private final SSLContext sslContext;
  private final ChannelGroup channels;
  private final AtomicInteger open = new AtomicInteger();

  RelayChannelInitializer(
      RelayContext relay, RelayIdentity identity, SSLContext sslContext, ChannelGroup channels) {
    this.relay = relay;
    this.identity = identity;
    this.sslContext = sslContext;
    this.channels = channels;
  }

  @Override
  protected void initChannel(SocketChannel ch) {
    if (open.incrementAndGet() > relay.config().maxConnections()) {
      open.decrementAndGet();
      relay.counters().connectionsRefused.increment();
      ch.close();
      return;
    }
    ch.closeFuture().addListener(f -> open.decrementAndGet());
    channels.add(ch);
    relay.counters().connectionsAccepted.increment();
    SslHandler tls = new SslHandler(Tls.serverEngine(sslContext));
    tls.setHandshakeTimeoutMillis(relay.config().tlsHandshakeTimeoutMillis());
    ch.pipeline()
        .addLast("heap", HeapInbound.INSTANCE)
        .addLast("tls", tls)
        .addLast("frames", new FixedLengthFrameDecoder(ProtocolLimits.BLOCK_BYTES))
        .addLast("handshake", new HandshakeHandler(relay, identity));
  }

  /** Connections currently open. */
  int openConnections() {
    return open.get();
  }
}

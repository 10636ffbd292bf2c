package io.parley.relay.server;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.FixedLengthFrameDecoder;
import io.netty.handler.ssl.SslHandler;
import io.parley.transport.netty.TlsRecordInbound;
import io.parley.protocol.ProtocolLimits;
import io.parley.protocol.transport.RelayIdentity;
import io.parley.protocol.transport.Tls;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * Builds each accepted connection's pipeline: whole TLS records in heap buffers, TLS, fixed
 * 16384-byte frames, then the session handshake. Connections beyond the configured maximum are
 * closed before TLS starts.
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
    // The JDK's TLS 1.3 records carry at most 16367 bytes, so a 16384-byte block never fits
    // one. Coalescing (the default) refills every record across block boundaries by copying
    // each block once more; wrapping each block as it is costs a 17-byte second record instead.
    tls.setWrapDataSize(0);
    FixedLengthFrameDecoder frames = new FixedLengthFrameDecoder(ProtocolLimits.BLOCK_BYTES);
    // Blocks straddle TLS records (at most 16367 bytes each from a JDK peer): join the pieces
    // as components instead of copying each block into a contiguous buffer.
    frames.setCumulator(ByteToMessageDecoder.COMPOSITE_CUMULATOR);
    ch.pipeline()
        .addLast("records", new TlsRecordInbound())
        .addLast("tls", tls)
        .addLast("frames", frames)
        .addLast("handshake", new HandshakeHandler(relay, identity));
  }

  /** Connections currently open. */
  int openConnections() {
    return open.get();
  }
}

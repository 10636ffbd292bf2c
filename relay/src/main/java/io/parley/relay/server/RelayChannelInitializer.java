package io.parley.relay.server;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.FixedLengthFrameDecoder;
import io.netty.handler.ssl.SslHandler;
import io.parley.transport.netty.TlsRecordInbound;
import io.parley.transport.tls.NettyTls;
import io.parley.protocol.ProtocolLimits;
import io.parley.protocol.transport.RelayIdentity;
import java.util.concurrent.Executor;

/**
 * Builds each admitted connection's pipeline: whole TLS records in heap buffers, TLS, fixed
 * 16384-byte frames, then the session handshake. Connections beyond the caps never get here:
 * {@link RelayServerSocketChannel} closes them at accept.
 * Thread-safe (shared by all connections).
 */
final class RelayChannelInitializer extends ChannelInitializer<SocketChannel> {
  private final RelayContext relay;
  private final RelayIdentity identity;
  private final NettyTls tls;
  private final ChannelGroup channels;
  private final Executor handshakeTasks;

  /**
   * @param handshakeTasks runs the TLS engine's handshake computations (key exchange and
   *     signature, milliseconds each) and the relay hello's signature, so that a flood of
   *     handshakes queues there and not on the event loops that serve established sessions
   */
  RelayChannelInitializer(RelayContext relay, RelayIdentity identity, NettyTls tls,
      ChannelGroup channels, Executor handshakeTasks) {
    this.relay = relay;
    this.identity = identity;
    this.tls = tls;
    this.channels = channels;
    this.handshakeTasks = handshakeTasks;
  }

  @Override
  protected void initChannel(SocketChannel ch) {
    channels.add(ch);
    SslHandler ssl = new SslHandler(tls.newServerEngine(ch.alloc()), handshakeTasks);
    ssl.setHandshakeTimeoutMillis(relay.config().tlsHandshakeTimeoutMillis());
    // The JDK's TLS 1.3 records carry at most 16367 bytes, so a 16384-byte block never fits
    // one. Coalescing (the default) refills every record across block boundaries by copying
    // each block once more; wrapping each block as it is costs a 17-byte second record instead.
    // BoringSSL's records hold 16384 bytes, so there each block is exactly one record.
    ssl.setWrapDataSize(0);
    FixedLengthFrameDecoder frames = new FixedLengthFrameDecoder(ProtocolLimits.BLOCK_BYTES);
    // Blocks straddle TLS records (at most 16367 bytes each from a JDK peer): join the pieces
    // as components instead of copying each block into a contiguous buffer.
    frames.setCumulator(ByteToMessageDecoder.COMPOSITE_CUMULATOR);
    if (tls.wantsHeapRecords()) {
      ch.pipeline().addLast("records", new TlsRecordInbound());
    }
    ch.pipeline()
        .addLast("tls", ssl)
        .addLast("frames", frames)
        .addLast("handshake", new HandshakeHandler(
            relay, identity, ((RelaySocketChannel) ch).ticket(), handshakeTasks));
  }
}

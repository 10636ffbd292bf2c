package io.parley.transport.tls;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSslContextOption;
import io.netty.handler.ssl.ReferenceCountedOpenSslEngine;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.internal.tcnative.SSL;
import io.parley.transport.netty.HeapInbound;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Makes the per-connection SSL engines of one relay server or one relay client on the engine
 * its {@link TlsEngine} setting resolves to. The JDK engine keeps the caller's own SSLContext
 * (and so exactly its settings); the BoringSSL one gets the same protocols, suites, key
 * manager or trust manager through Netty. Thread-safe; build once and share.
 */
public final class NettyTls {
  /** Builds a JDK engine for a peer host and port (clients) or for any peer (servers). */
  public interface JdkEngines {
    SSLEngine newEngine(String peerHost, int peerPort);
  }

  private final TlsEngine engine;
  private final SslContext openSsl;
  private final JdkEngines jdk;

  private NettyTls(TlsEngine engine, SslContext openSsl, JdkEngines jdk) {
    this.engine = engine;
    this.openSsl = openSsl;
    this.jdk = jdk;
  }

  /**
   * A server presenting {@code keyManager}'s chain on BoringSSL, or engines from {@code jdk}.
   * With BoringSSL Netty asks the key manager for an alias by the cipher's key exchange type
   * (RSA, EC), never by the key's own algorithm, so it must answer for any type.
   *
   * @throws TlsEngineUnavailableException if {@code requested} cannot run here
   */
  public static NettyTls server(TlsEngine requested, Supplier<SSLEngine> jdk,
      Supplier<X509ExtendedKeyManager> keyManager, String[] protocols, String[] suites)
      throws TlsEngineUnavailableException {
    TlsEngine engine = requested.resolve();
    if (engine == TlsEngine.JDK) {
      return new NettyTls(engine, null, (h, p) -> jdk.get());
    }
    try {
      SslContext ctx = SslContextBuilder.forServer(keyManager.get())
          .sslProvider(SslProvider.OPENSSL)
          .protocols(protocols)
          .ciphers(List.of(suites))
          .clientAuth(ClientAuth.NONE)
          // The key-material callback (Java: the chain and key handed to BoringSSL) runs as a
          // delegated task on the SslHandler's executor, as the JDK engine's handshake work
          // does, so a handshake flood queues there and not on the event loops.
          .option(OpenSslContextOption.USE_TASKS, true)
          .build();
      return new NettyTls(engine, ctx, null);
    } catch (SSLException e) {
      throw new TlsEngineUnavailableException("BoringSSL refused the relay's TLS settings", e);
    }
  }

  /**
   * A client judging the server's chain with {@code trustManager} on BoringSSL, or engines
   * from {@code jdk}. Host names are never checked: the trust manager decides alone.
   *
   * @throws TlsEngineUnavailableException if {@code requested} cannot run here
   */
  public static NettyTls client(TlsEngine requested, JdkEngines jdk,
      X509ExtendedTrustManager trustManager, String[] protocols, String[] suites)
      throws TlsEngineUnavailableException {
    TlsEngine engine = requested.resolve();
    if (engine == TlsEngine.JDK) {
      return new NettyTls(engine, null, jdk);
    }
    try {
      SslContext ctx = SslContextBuilder.forClient()
          .sslProvider(SslProvider.OPENSSL)
          .trustManager(trustManager)
          .protocols(protocols)
          .ciphers(List.of(suites))
          .endpointIdentificationAlgorithm(null)
          .build();
      return new NettyTls(engine, ctx, null);
    } catch (SSLException e) {
      throw new TlsEngineUnavailableException("BoringSSL refused the client's TLS settings", e);
    }
  }

  /** The engine in use: {@link TlsEngine#OPENSSL} or {@link TlsEngine#JDK}. */
  public TlsEngine engine() {
    return engine;
  }

  /** A server-mode engine for one accepted connection. */
  public SSLEngine newServerEngine(ByteBufAllocator alloc) {
    if (openSsl == null) {
      return jdk.newEngine(null, -1);
    }
    SSLEngine engine = openSsl.newEngine(alloc);
    // Netty turns TLS 1.3 session tickets back on for each engine (unless a JVM-wide property
    // says otherwise); without tickets every connection is a full handshake that proves the
    // server's key afresh, as on the JDK engine.
    if (engine instanceof ReferenceCountedOpenSslEngine boring) {
      SSL.setOptions(boring.sslPointer(), SSL.SSL_OP_NO_TICKET);
    }
    return engine;
  }

  /** A client-mode engine for one connection to {@code host:port} (SNI only). */
  public SSLEngine newClientEngine(ByteBufAllocator alloc, String host, int port) {
    return openSsl != null ? openSsl.newEngine(alloc, host, port) : jdk.newEngine(host, port);
  }

  /**
   * True if received records should be moved to heap buffers before TLS (the JDK's AES-GCM
   * runs on its intrinsics only there); BoringSSL reads direct buffers as they come.
   */
  public boolean wantsHeapRecords() {
    return engine == TlsEngine.JDK;
  }

  /** The channel allocator that suits the engine: heap for the JDK, direct for BoringSSL. */
  public ByteBufAllocator allocator() {
    return engine == TlsEngine.JDK ? HeapInbound.HEAP_ALLOCATOR : PooledByteBufAllocator.DEFAULT;
  }

  @Override
  public String toString() {
    return "NettyTls[" + Objects.toString(engine.configName()) + "]";
  }
}

package io.parley.protocol.transport;

import io.parley.protocol.testing.TestIdentities;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * Measures full TLS 1.3 handshakes per second over loopback with the relay's real contexts:
 * one server thread and one client thread in this JVM, a new connection each time, one byte
 * exchanged so the handshake really completes on both sides. Not a test (no assertion); run with
 * {@code java -cp <test classpath> io.parley.protocol.transport.TlsHandshakeRate [count]}.
 */
public final class TlsHandshakeRate {
  /** Handshakes run before timing, for JIT warm-up. */
  private static final int WARMUP_HANDSHAKES = 1_000;
  private static final int DEFAULT_HANDSHAKES = 5_000;

  private TlsHandshakeRate() {}

  public static void main(String[] args) throws Exception {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_HANDSHAKES;
    RelayIdentity relay = TestIdentities.relay();
    SSLContext serverCtx = Tls.serverContext(relay);
    SSLContext clientCtx = Tls.clientContext(relay.keyHashBytes(), Clock.systemUTC());
    try (SSLServerSocket server = (SSLServerSocket) serverCtx.getServerSocketFactory()
        .createServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Tls.configureServerSocket(server);
      AtomicBoolean running = new AtomicBoolean(true);
      Thread t = new Thread(() -> serve(server, running), "rate-server");
      t.setDaemon(true);
      t.start();
      run(clientCtx, server.getLocalPort(), WARMUP_HANDSHAKES);
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      long serverCpu = threads.getThreadCpuTime(t.getId());
      long start = System.nanoTime();
      run(clientCtx, server.getLocalPort(), count);
      double seconds = (System.nanoTime() - start) / 1e9;
      double serverCpuSeconds = (threads.getThreadCpuTime(t.getId()) - serverCpu) / 1e9;
      System.out.printf("%d full TLS 1.3 handshakes in %.2f s: %.0f handshakes/s "
          + "(client and server sharing the machine)%n", count, seconds, count / seconds);
      System.out.printf("server thread CPU %.0f us per handshake: %.0f handshakes/s per core%n",
          serverCpuSeconds * 1e6 / count, count / serverCpuSeconds);
      running.set(false);
    }
  }

  private static void run(SSLContext ctx, int port, int count) throws IOException {
    for (int i = 0; i < count; i++) {
      try (Socket plain = new Socket(InetAddress.getLoopbackAddress(), port);
          SSLSocket s = (SSLSocket) ctx.getSocketFactory()
              .createSocket(plain, "relay", port, true)) {
        plain.setTcpNoDelay(true);
        Tls.configureClientSocket(s);
        s.startHandshake();
        if (s.getInputStream().read() != 1) {
          throw new IOException("server did not answer");
        }
      }
    }
  }

  private static void serve(SSLServerSocket server, AtomicBoolean running) {
    while (running.get()) {
      try (SSLSocket s = (SSLSocket) server.accept()) {
        s.setTcpNoDelay(true);
        s.startHandshake();
        s.getOutputStream().write(1);
        s.getOutputStream().flush();
      } catch (IOException e) {
        if (server.isClosed()) {
          return;
        }
      }
    }
  }
}

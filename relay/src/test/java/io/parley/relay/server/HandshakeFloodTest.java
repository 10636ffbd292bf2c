package io.parley.relay.server;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.parley.protocol.command.Response;
import io.parley.protocol.transport.HandshakeException;
import io.parley.protocol.transport.Tls;
import io.parley.relay.Relay;
import io.parley.relay.client.BlockingRelayClient;
import io.parley.testkit.Await;
import io.parley.relay.testing.RelayFixture;
import java.time.Clock;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bounded ClientHello-then-reset flood against a real relay on loopback, while an established
 * session keeps sending PING: the relay holds its connection cap and keeps answering.
 */
class HandshakeFloodTest {
  /** Threads opening flood connections. UNIT: threads. */
  private static final int FLOOD_THREADS = 2;
  /**
   * Flood connections per second and thread: 2,000/s in all, about the rate of the flood that
   * starved the relay (45,000 in 20 s). Paced, so that the test's own threads do not take the
   * machine the relay runs on. UNIT: connections per second.
   */
  private static final int FLOOD_RATE_PER_THREAD = 1_000;
  /**
   * How long the flood lasts: the relay before the fix fell further behind for as long as the
   * flood lasted, so this sets how clearly it fails; short enough for the suite.
   */
  private static final Duration FLOOD_DURATION = Duration.ofSeconds(4);
  /** PINGs before the flood, for the JIT; at most {@link #MAX_WARM_UP} of them. */
  private static final int WARM_UP_PINGS = 2_000;
  private static final Duration MAX_WARM_UP = Duration.ofSeconds(3);
  /** A small cap, so the flood hits it within the test. UNIT: connections. */
  private static final int MAX_CONNECTIONS = 64;
  /**
   * Below the connection cap: the flood keeps this cap full, and the established session must
   * still be served. UNIT: connections.
   */
  private static final int MAX_PENDING_HANDSHAKES = 32;
  /**
   * PING round-trip bound under flood. The target is 100 ms; this bound leaves room for a
   * 2-core machine shared with other builds: at load average 29 the relay with the fix
   * measured p99 0.56 to 1.33 s (the whole JVM gets a fifteenth of the CPU), the relay before
   * it 1.7 to 4.2 s with a 3 s flood, and 3.0 s at load average 2. UNIT: milliseconds.
   */
  private static final long PING_P99_BOUND_MILLIS = 1_500;
  /**
   * Sockets of this process above the relay's open connections: the flood's own client side
   * (one per thread), and sockets the relay closed in the current event loop pass, whose file
   * descriptor Java releases at the loop's next select (at most the cap again). UNIT: sockets.
   */
  private static final int SOCKET_SLACK = FLOOD_THREADS + MAX_CONNECTIONS;
  /** How often the process's open sockets are counted. UNIT: milliseconds. */
  private static final long FD_SAMPLE_PERIOD_MILLIS = 10;

  @TempDir Path dir;

  @Test
  void aHandshakeFloodNeverOpensMoreThanTheCapAndEstablishedSessionsKeepAnsweringPings()
      throws Exception {
    Path fds = Path.of("/proc/self/fd");
    assumeTrue(Files.isDirectory(fds), "needs /proc to count open sockets");
    try (Relay relay = RelayFixture.memoryOnly(dir,
            b -> b.maxConnections(MAX_CONNECTIONS).maxPendingHandshakes(MAX_PENDING_HANDSHAKES));
        BlockingRelayClient session = BlockingRelayClient.connect(relay.address())) {
      // Until the JIT compiles AES-GCM (intrinsics), one PING costs milliseconds of CPU on
      // each side: measure the relay, not the interpreter.
      long warmEnd = System.nanoTime() + MAX_WARM_UP.toNanos();
      for (int i = 0; i < WARM_UP_PINGS && System.nanoTime() < warmEnd; i++) {
        session.request(session.ping());
      }
      int socketsBefore = openSockets(fds);
      AtomicInteger peakSockets = new AtomicInteger(socketsBefore);
      ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
      sampler.scheduleAtFixedRate(() -> peakSockets.accumulateAndGet(openSockets(fds), Math::max),
          0, FD_SAMPLE_PERIOD_MILLIS, TimeUnit.MILLISECONDS);
      List<Long> pingNanos = new ArrayList<>();
      long floodConnections;
      try {
        floodConnections = floodWhilePinging(relay, session, pingNanos);
      } finally {
        sampler.shutdownNow();
        sampler.awaitTermination(10, TimeUnit.SECONDS);
      }

      long[] sorted = pingNanos.stream().mapToLong(Long::longValue).sorted().toArray();
      long p50 = percentileMillis(sorted, 0.50);
      long p99 = percentileMillis(sorted, 0.99);
      int extraSockets = peakSockets.get() - socketsBefore;
      System.out.printf("flood: %d connections in %d s from %d threads; %d pings, p50 %d ms,"
          + " p99 %d ms, max %d ms; peak extra sockets %d; relay %s%n",
          floodConnections, FLOOD_DURATION.toSeconds(), FLOOD_THREADS, sorted.length, p50,
          p99, sorted[sorted.length - 1] / 1_000_000, extraSockets, relay.counters().summary());

      assertTrue(floodConnections >= 1000, "the flood was a flood: " + floodConnections);
      assertTrue(relay.counters().connectionsRefusedHandshakesPending() > 0,
          "the flood reached the pending-handshake cap");
      assertTrue(relay.counters().connectionsOpenPeak() <= MAX_CONNECTIONS,
          "open connections never exceeded the cap: " + relay.counters().connectionsOpenPeak());
      assertTrue(extraSockets <= MAX_CONNECTIONS + SOCKET_SLACK,
          "open sockets stayed within the cap: " + extraSockets + " above the start");
      assertTrue(p99 < PING_P99_BOUND_MILLIS, "PING p99 " + p99 + " ms under the flood");
      // The flood's last connections hold handshake slots until the relay sees them reset.
      Await.until("a new client is served after the flood", Duration.ofSeconds(30),
          () -> answersPing(relay));
    }
  }

  /**
   * Runs the flood for {@link #FLOOD_DURATION} while {@code session} sends one PING after
   * another, adding each round trip to {@code pingNanos}; returns the flood's connections.
   */
  private static long floodWhilePinging(Relay relay, BlockingRelayClient session,
      List<Long> pingNanos) throws Exception {
    byte[] clientHello = clientHello(relay);
    long floodEnd = System.nanoTime() + FLOOD_DURATION.toNanos();
    AtomicLong floodConnections = new AtomicLong();
    List<Thread> flood = new ArrayList<>();
    for (int t = 0; t < FLOOD_THREADS; t++) {
      Thread th = new Thread(() -> {
        long next = System.nanoTime();
        while (next < floodEnd) {
          helloThenReset(relay.port(), clientHello);
          floodConnections.incrementAndGet();
          next += 1_000_000_000L / FLOOD_RATE_PER_THREAD;
          LockSupport.parkNanos(next - System.nanoTime());
        }
      }, "flood-" + t);
      th.start();
      flood.add(th);
    }
    while (System.nanoTime() < floodEnd) {
      long start = System.nanoTime();
      assertInstanceOf(Response.Pong.class, session.request(session.ping()));
      pingNanos.add(System.nanoTime() - start);
    }
    for (Thread th : flood) {
      th.join();
    }
    return floodConnections.get();
  }

  private static boolean answersPing(Relay relay) {
    try (BlockingRelayClient c = BlockingRelayClient.connect(relay.address())) {
      return c.request(c.ping()) instanceof Response.Pong;
    } catch (IOException | HandshakeException e) {
      return false;
    }
  }

  /** A real ClientHello the relay will work on: TLS 1.3 with the relay's suites and groups. */
  private static byte[] clientHello(Relay relay) throws IOException {
    SSLEngine engine = Tls.clientEngine(Tls.clientContext(relay.address().keyHashBytes(), Clock.systemUTC()),
        "127.0.0.1", relay.port());
    ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
    engine.beginHandshake();
    engine.wrap(ByteBuffer.allocate(0), out);
    return Arrays.copyOf(out.array(), out.position());
  }

  /** Connects, sends the ClientHello and resets (SO_LINGER 0) without reading the answer. */
  private static void helloThenReset(int port, byte[] clientHello) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
      s.setSoLinger(true, 0);
      s.getOutputStream().write(clientHello);
    } catch (IOException refused) {
      // a refused or reset connection is part of the flood too
    }
  }

  private static int openSockets(Path fds) {
    try (Stream<Path> entries = Files.list(fds)) {
      return (int) entries.filter(HandshakeFloodTest::isSocket).count();
    } catch (IOException e) {
      return 0;
    }
  }

  private static boolean isSocket(Path fd) {
    try {
      return Files.readSymbolicLink(fd).toString().startsWith("socket:");
    } catch (IOException closedMeanwhile) {
      return false;
    }
  }

  private static long percentileMillis(long[] sorted, double p) {
    int i = Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1);
    return sorted[Math.max(0, i)] / 1_000_000;
  }
}

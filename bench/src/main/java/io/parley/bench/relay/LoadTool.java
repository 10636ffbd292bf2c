package io.parley.bench.relay;

import io.parley.bench.common.BenchMain;
import io.parley.bench.common.CryptoCost;
import io.parley.protocol.ProtocolLimits;
import io.parley.protocol.transport.RelayAddress;
import io.parley.protocol.transport.RelayIdentity;
import io.parley.relay.Relay;
import io.parley.relay.config.RelayConfig;
import io.parley.relay.identity.RelayIdentityFiles;
import io.parley.relay.server.RelayCounters;
import io.parley.relay.store.StoreConfig.FsyncPolicy;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Load generator for a relay (docs/relay.md, "Load tool"): message throughput and latency, or
 * heap per idle queue. Without {@code --relay} it starts a relay in this JVM on loopback, in a
 * temporary directory, with fsync=always, and deletes the directory afterwards.
 */
public final class LoadTool {
  /**
   * AES-GCM passes a relayed message needs at the least: its SEND block decrypted from TLS,
   * the body re-encrypted for the recipient, the MSG block encrypted for TLS.
   */
  static final int CRYPTO_PASSES_PER_MESSAGE = 3;
  private LoadTool() {}

  public static void main(String[] args) {
    BenchMain.run(new LoadOptions.Flags(), args, LoadOptions::from, LoadTool::run);
  }

  static void run(LoadOptions options, PrintStream out) throws Exception {
    if (options.relay() != null) {
      run(options, options.relay(), null, "external " + options.relay(), out);
      return;
    }
    Path dir = Files.createTempDirectory("parley-load");
    try {
      RelayIdentityFiles.save(RelayIdentity.generate(Clock.systemUTC()),
          dir.resolve(RelayConfig.IDENTITY_DIR));
      RelayConfig config = RelayConfig.builder(dir).host("127.0.0.1").bindAddress("127.0.0.1")
          .port(0).persistent(true).fsync(FsyncPolicy.ALWAYS)
          .maxNewQueuesPerConnectionPerMinute(RelayConfig.MAX_NEW_QUEUES_PER_CONNECTION_PER_MINUTE)
          .tlsEngine(options.tlsEngine()).build();
      try (Relay relay = Relay.start(config)) {
        run(options, relay.address(), relay.counters(),
            "in-process, journal in a temp dir, fsync=always, TLS engine "
                + relay.tlsEngine().configName(), out);
      }
    } finally {
      deleteTree(dir);
    }
  }

  private static void run(LoadOptions o, RelayAddress address, RelayCounters counters,
      String relay, PrintStream out) throws Exception {
    int cores = Runtime.getRuntime().availableProcessors();
    if (o.idleQueues() > 0) {
      out.printf("creating %d idle subscribed queues (relay: %s, %d cores)%n", o.idleQueues(),
          relay, cores);
      IdleQueuesRun.Result r = new IdleQueuesRun(address, o.idleQueues()).run(out);
      out.printf(Locale.ROOT, "queues: %d created in %.1f s (%.0f/s)%n", r.queues(), r.seconds(),
          r.queues() / r.seconds());
      out.printf(Locale.ROOT, "heap: %.1f MiB before, %.1f MiB after: %.0f bytes per idle queue"
          + " (1,000,000 queues = %.2f GiB)%n", r.heapBytesBefore() / 1048576.0,
          r.heapBytesAfter() / 1048576.0, r.bytesPerQueue(), r.bytesPerQueue() * 1e6 / (1L << 30));
      return;
    }
    double gcmNanos = CryptoCost.aesGcmNanos(ProtocolLimits.BLOCK_BYTES);
    double limitNanos = CRYPTO_PASSES_PER_MESSAGE * gcmNanos;
    out.printf(Locale.ROOT, "crypto limit: %d AES-256-GCM passes over %d bytes (TLS in,"
        + " re-encryption, TLS out) = %.1f us per message (JDK cipher, %.1f us a pass, measured"
        + " now)%n", CRYPTO_PASSES_PER_MESSAGE, ProtocolLimits.BLOCK_BYTES, limitNanos / 1000,
        gcmNanos / 1000);
    out.printf("pairs=%d window=%d rate=%s warmup=%ds seconds=%d body=%d bytes (relay: %s,"
        + " %d cores)%n", o.pairs(), o.window(), o.rate() == 0 ? "unlimited" : o.rate() + "/s",
        o.warmupSeconds(), o.seconds(), ThroughputRun.BODY_BYTES, relay, cores);
    ThroughputRun.Result r = new ThroughputRun(o, address, counters).run(out);
    out.printf(Locale.ROOT, "throughput: %d messages in %.1f s = %.0f msg/s (SEND -> MSG -> ACK)%n",
        r.messages(), r.seconds(), r.messagesPerSecond());
    out.printf(Locale.ROOT, "latency SEND -> MSG: p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
        r.p50Micros() / 1000.0, r.p99Micros() / 1000.0, r.maxMicros() / 1000.0);
    out.printf("errors: %d%n", r.errors());
    if (r.messages() > 0) {
      StringBuilder cpu = new StringBuilder("CPU per message:");
      r.cpuNanosByRole().forEach((role, nanos) -> cpu.append(String.format(Locale.ROOT,
          " %s %.1f us;", role, nanos / 1000.0 / r.messages())));
      out.println(cpu);
      if (counters != null) {
        double relayNanos = relayCpuNanos(r.cpuNanosByRole()) / (double) r.messages();
        out.printf(Locale.ROOT, "relay cost: %.1f x crypto limit (relay CPU %.1f us per message,"
            + " limit %.1f us) at %.0f msg/s%n", relayNanos / limitNanos, relayNanos / 1000,
            limitNanos / 1000, r.messagesPerSecond());
        double kernelNanos = relayCpuNanos(r.kernelNanosByRole()) / (double) r.messages();
        out.printf(Locale.ROOT, "relay CPU per message: %.1f us in the kernel (socket I/O,"
            + " loopback delivery, fsync, wake-ups), %.1f us in user space%n", kernelNanos / 1000,
            (relayNanos - kernelNanos) / 1000);
        out.printf(Locale.ROOT, "relay blocks per message: %.2f received, %.2f sent%n",
            r.blocksIn() / (double) r.messages(), r.blocksOut() / (double) r.messages());
      }
    }
  }

  /** The relay's own threads: event loops, handshake tasks and the store. */
  private static long relayCpuNanos(Map<String, Long> byRole) {
    return byRole.getOrDefault(CpuMeter.RELAY_LOOPS, 0L)
        + byRole.getOrDefault(CpuMeter.RELAY_STORE, 0L);
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}

package io.parley.bench.agent;

import io.parley.agent.error.AgentException;
import io.parley.bench.common.BenchException;
import io.parley.bench.common.BenchMain;
import io.parley.bench.common.CryptoCost;
import io.parley.bench.common.Percentiles;
import io.parley.launch.logging.LogFormat;
import io.parley.launch.logging.LogLevel;
import io.parley.launch.logging.LogSetup;
import io.parley.protocol.ProtocolLimits;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Measures the agent end to end in one JVM: an embedded relay on loopback and two agents with
 * durable SQLite stores in a temporary directory. Reports (1) throughput of 1 KB texts from
 * sendText to {@code message.received} over several connections in parallel, (2) p50/p99
 * latency at a fixed rate and (3) the time from createInvitation to both sides established.
 * Run: {@code java -cp bench/target/parley-bench.jar io.parley.bench.agent.AgentBench
 * [--messages N] [--connections C] [--rate R]} (docs/benchmarks.md; {@code --help} lists all).
 */
public final class AgentBench {
  /** Throughput target on the project's 2-core machine. UNIT: messages per second. */
  public static final double TARGET_MESSAGES_PER_SECOND = 3_000;
  /** Median latency target at the default rate. UNIT: milliseconds. */
  public static final double TARGET_P50_MILLIS = 5;
  /** Handshake target. UNIT: milliseconds. */
  public static final double TARGET_HANDSHAKE_MILLIS = 50;

  /** TLS encrypts a block on one end and decrypts it on the other. */
  static final int TLS_PASSES_PER_BLOCK = 2;
  /** The relay's re-encryption of the body for the recipient. */
  static final int RELAY_PASSES = 1;
  /** End-to-end seal and open, and the recipient opening the relay's layer. */
  static final int AGENT_PASSES = 3;
  /** Sender, relay and receiver each make the message durable. */
  static final int STORES_PER_MESSAGE = 3;

  private AgentBench() {}

  public static void main(String[] args) {
    LogSetup.apply(LogFormat.TEXT, LogLevel.INFO);
    BenchMain.run(new BenchOptions.Flags(), args, BenchOptions::from, AgentBench::run);
  }

  static void run(BenchOptions o, PrintStream out)
      throws BenchException, IOException, AgentException {
    out.printf(Locale.ROOT, "Parley agent benchmark: %d embedded relay(s) + 2 agents in one "
        + "JVM, redundancy %d, durable SQLite, %s ratchet; %d connections, %d-byte texts, "
        + "window %d; %d cores, Java %s%n", o.relays(), Math.min(o.relays(), o.redundancy()),
        o.pq() ? "post-quantum" : "classic", o.connections(), BenchOptions.TEXT_BYTES, o.window(),
        Runtime.getRuntime().availableProcessors(), Runtime.version());
    double gcmNanos = CryptoCost.aesGcmNanos(ProtocolLimits.BLOCK_BYTES);
    try (BenchRig rig = BenchRig.start(o.relays(), o.redundancy(), o.tlsEngine(), o.pq())) {
      CryptoCost.Fsync fsync = CryptoCost.fsync(rig.dir());
      out.printf(Locale.ROOT, "measured now: AES-256-GCM over %d bytes %.1f us (JDK cipher);"
          + " %d-byte write + fsync %.1f us CPU, %.0f us wall; relay TLS engine %s%n",
          ProtocolLimits.BLOCK_BYTES, gcmNanos / 1000, CryptoCost.FSYNC_WRITE_BYTES,
          fsync.cpuNanos() / 1000, fsync.wallNanos() / 1000, rig.relayTlsEngine().configName());
      List<BenchRig.Link> links = new ArrayList<>();
      for (int i = 0; i < o.connections(); i++) {
        links.add(rig.connect());
      }
      ThroughputPhase.run(rig, links, o.warmup(), o);
      long blocksBefore = rig.relayBlocks();
      ThroughputPhase.Result t = ThroughputPhase.run(rig, links, o.messages(), o);
      double blocks = (rig.relayBlocks() - blocksBefore) / (double) t.messages();
      out.printf(Locale.ROOT, "throughput: %d messages in %.2f s = %.0f messages/s "
          + "(target >= %.0f)%s%n", t.messages(), t.nanos() / 1e9, t.perSecond(),
          TARGET_MESSAGES_PER_SECOND, verdict(t.perSecond() >= TARGET_MESSAGES_PER_SECOND));
      out.printf(Locale.ROOT, "CPU per message (relay + both agents, all threads): %.0f us%n",
          t.cpuMicrosPerMessage());
      printCost(out, t.cpuMicrosPerMessage() * 1000, blocks, gcmNanos, fsync.cpuNanos());
      Percentiles lat = LatencyPhase.run(rig, links, o.latencyMessages(), o.rate());
      out.printf(Locale.ROOT, "latency at %d/s: %d messages, p50 %.2f ms, p99 %.2f ms, "
          + "max %.2f ms (target p50 < %.0f ms)%s%n", o.rate(), lat.count(), lat.millis(50),
          lat.millis(99), lat.maxMillis(), TARGET_P50_MILLIS,
          verdict(lat.millis(50) < TARGET_P50_MILLIS));
      if (o.relays() > 1 && o.redundancy() > 1) {
        rig.stopLastRelay();
        Percentiles down = LatencyPhase.run(rig, links, o.latencyMessages(), o.rate());
        out.printf(Locale.ROOT, "latency at %d/s with one relay stopped: %d messages, p50 %.2f "
            + "ms, p99 %.2f ms, max %.2f ms (p50 %.0f%% of both up)%n", o.rate(), down.count(),
            down.millis(50), down.millis(99), down.maxMillis(),
            100 * down.millis(50) / lat.millis(50));
      }
      long[] handshakes = new long[o.handshakes()];
      for (int i = 0; i < handshakes.length; i++) {
        handshakes[i] = rig.connect().handshakeNanos();
      }
      Percentiles hs = new Percentiles(handshakes);
      out.printf(Locale.ROOT, "handshake (createInvitation to both established): %d, "
          + "median %.2f ms, p90 %.2f ms, max %.2f ms (target < %.0f ms)%s%n", hs.count(),
          hs.millis(50), hs.millis(90), hs.maxMillis(), TARGET_HANDSHAKE_MILLIS,
          verdict(hs.millis(50) < TARGET_HANDSHAKE_MILLIS));
    }
  }

  /**
   * CPU per message against what a message cannot avoid: every relay block crosses TLS at both
   * ends (two AES-GCM passes), the relay re-encrypts the body once, and the agents seal and open
   * the end-to-end layer and open the relay's layer (three passes); each of the three stores
   * (sender, relay, receiver) makes it durable with one fsync at the most (group commits share
   * one among several messages, so this part is an upper bound).
   */
  static void printCost(PrintStream out, double cpuNanos, double blocksPerMessage,
      double gcmNanos, double fsyncNanos) {
    double passes = TLS_PASSES_PER_BLOCK * blocksPerMessage + RELAY_PASSES + AGENT_PASSES;
    double crypto = passes * gcmNanos;
    double durable = STORES_PER_MESSAGE * fsyncNanos;
    out.printf(Locale.ROOT, "agent cost: %.1f x (crypto + fsync) = %.0f us / (crypto %.0f us:"
        + " %.1f AES-GCM passes of %.1f us, %.2f relay blocks per message; fsync %.0f us: %d x"
        + " %.1f us CPU)%n", cpuNanos / (crypto + durable), cpuNanos / 1000, crypto / 1000,
        passes, gcmNanos / 1000, blocksPerMessage, durable / 1000, STORES_PER_MESSAGE,
        fsyncNanos / 1000);
  }

  private static String verdict(boolean met) {
    return met ? "" : "  MISSED";
  }
}

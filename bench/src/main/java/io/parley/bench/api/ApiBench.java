package io.parley.bench.api;

import io.parley.bench.common.BenchMain;
import io.parley.bench.common.Percentiles;
import io.parley.launch.logging.LogFormat;
import io.parley.launch.logging.LogLevel;
import io.parley.launch.logging.LogSetup;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Measures the local API in one JVM: an embedded relay on loopback and two daemons with
 * durable SQLite stores and real HTTP. Reports (1) accepted sends per second through
 * {@code POST /v1/connections/{id}/messages} and (2) the latency from a message's arrival
 * (committed by the receiving agent) to its event on a WebSocket client, and from the sender's
 * POST to that frame.
 * Run: {@code java -cp bench/target/parley-bench.jar io.parley.bench.api.ApiBench
 * [--sends N] [--concurrency C] [--connections K] [--latency-messages M] [--rate R]}
 * (docs/api.md; {@code --help} lists all).
 */
public final class ApiBench {
  /** Throughput target. UNIT: accepted sends per second. */
  public static final double TARGET_SENDS_PER_SECOND = 5_000;
  /** Median arrival-to-WebSocket latency target. UNIT: milliseconds. */
  public static final double TARGET_P50_MILLIS = 5;

  private ApiBench() {}

  public static void main(String[] args) {
    LogSetup.apply(LogFormat.TEXT, LogLevel.INFO);
    BenchMain.run(new ApiBenchOptions.Flags(), args, ApiBenchOptions::from, ApiBench::run);
  }

  static void run(ApiBenchOptions o, PrintStream out) throws Exception {
    out.printf(Locale.ROOT, "Parley API benchmark: embedded relay + 2 daemons (agent, SQLite, "
        + "API) in one JVM; %d-byte texts; %d in flight over %d connections; %d cores, "
        + "Java %s%n", ApiBenchOptions.TEXT_BYTES, o.concurrency(), o.connections(),
        Runtime.getRuntime().availableProcessors(), Runtime.version());
    try (ApiBenchRig rig = ApiBenchRig.start()) {
      DrainWait drained = new DrainWait();
      rig.addBobListener(drained);
      List<String> connections = new ArrayList<>();
      for (int i = 0; i < o.connections(); i++) {
        connections.add(rig.connect());
      }
      String text = "y".repeat(ApiBenchOptions.TEXT_BYTES);
      long total = 0;

      if (o.warmup() > 0) {
        DirectPhase.run(rig.alice().agent(), connections, o.warmup(), o.concurrency(), text);
        total += o.warmup();
        drained.until(total);
        SendPhase.run(rig, connections, o.warmup(), o.concurrency(), text);
        total += o.warmup();
        drained.until(total);
      }

      SendPhase.Result direct = DirectPhase.run(rig.alice().agent(), connections, o.sends(),
          o.concurrency(), text);
      total += o.sends();
      report(out, "agent.sendText in-process (no HTTP), for comparison", direct, false);
      drained.until(total);

      SendPhase.Result api = SendPhase.run(rig, connections, o.sends(), o.concurrency(), text);
      total += o.sends();
      report(out, "accepted sends through POST /v1/connections/{id}/messages", api, true);
      drained.until(total);

      SendPhase.Result reads = SendPhase.reads(rig, connections.get(0), o.sends(),
          o.concurrency());
      report(out, "authenticated GET /v1/connections/{id} (the HTTP layer alone)", reads,
          false);

      LatencyPhase.Result lat = LatencyPhase.run(rig, connections.get(0), o.latencyMessages(),
          o.rate());
      Percentiles c = lat.commitToFrame();
      Percentiles e = lat.sendToFrame();
      out.printf(Locale.ROOT, "arrival (commit) -> WebSocket frame, %d messages at %d/s: "
          + "p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms; target p50 < %.0f ms: %s%n",
          c.count(), o.rate(), c.millis(50), c.millis(90), c.millis(99), c.maxMillis(),
          TARGET_P50_MILLIS, c.millis(50) < TARGET_P50_MILLIS ? "met" : "NOT met");
      out.printf(Locale.ROOT, "sender POST -> receiver WebSocket frame (relay and both agents "
          + "included): p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n",
          e.millis(50), e.millis(90), e.millis(99), e.maxMillis());
    }
  }

  private static void report(PrintStream out, String what, SendPhase.Result r,
      boolean target) {
    out.printf(Locale.ROOT, "%s: %d in %.2f s = %.0f/s (%d failed)%s%n", what, r.accepted(),
        r.elapsedNanos() / 1e9, r.perSecond(), r.failed(), !target ? ""
            : String.format(Locale.ROOT, "; target >= %.0f/s: %s", TARGET_SENDS_PER_SECOND,
                r.perSecond() >= TARGET_SENDS_PER_SECOND ? "met" : "NOT met"));
  }
}

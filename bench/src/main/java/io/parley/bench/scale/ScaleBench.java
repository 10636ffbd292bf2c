package io.parley.bench.scale;

import io.parley.bench.common.BenchException;
import io.parley.bench.common.BenchMain;
import io.parley.bench.common.CryptoCost;
import io.parley.launch.logging.LogFormat;
import io.parley.launch.logging.LogLevel;
import io.parley.launch.logging.LogSetup;
import io.parley.protocol.crypto.X25519;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The scale a bot reaches, in one JVM: two loopback relays and two agents with durable stores.
 * (1) makes N established connections, several handshakes at a time; (2) sends one alert to
 * the first F of them at once and times until all are queued and all received; (3) restarts the
 * receiver and times until every queue is subscribed again, with the SUBs it retried, its heap
 * and the latency of health calls meanwhile. Run: {@code java -cp bench/target/parley-bench.jar
 * io.parley.bench.scale.ScaleBench [--connections N] [--fanout F]} (docs/benchmarks.md).
 */
public final class ScaleBench {
  /** Re-subscription target at 100,000 connections. UNIT: seconds. */
  public static final double TARGET_RESUBSCRIBE_SECONDS = 30;
  /** Heap target of a daemon with 100,000 connections. UNIT: MiB. */
  public static final double TARGET_HEAP_MIB = 1_024;
  /** Fan-out target at 10,000 subscribers: all queued. UNIT: seconds. */
  public static final double TARGET_QUEUED_SECONDS = 5;
  /** Fan-out target at 10,000 subscribers: all delivered. UNIT: seconds. */
  public static final double TARGET_DELIVERED_SECONDS = 60;
  private static final double MIB = 1024.0 * 1024.0;

  private ScaleBench() {}

  public static void main(String[] args) {
    LogSetup.apply(LogFormat.TEXT, LogLevel.WARN);
    BenchMain.run(new ScaleOptions.Flags(), args, ScaleOptions::from, ScaleBench::run);
  }

  static void run(ScaleOptions o, PrintStream out) throws Exception {
    out.printf(Locale.ROOT, "Parley scale benchmark: %d embedded relays + 2 agents in one JVM,"
        + " durable SQLite; %d connections (%d at a time)%s, alert of %d bytes to %d; %d cores,"
        + " max heap %.0f MiB, Java %s%n", ScaleRig.RELAYS, o.connections(), o.concurrency(),
        // A directory of an earlier run keeps its own connections; the count applies to a new one.
        o.data() == null ? "" : " unless " + o.data() + " keeps some already",
        o.alertBytes(), o.fanout(), Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() / MIB, Runtime.version());
    // Agreements bound the set-up and the re-subscription: say what one costs in this run.
    out.printf(Locale.ROOT, "X25519 on %s: %.1f us per agreement (CPU, one thread)%n",
        X25519.engine(), CryptoCost.x25519Nanos() / 1000);
    try (ScaleRig rig = ScaleRig.start(o.data())) {
      Optional<List<ScaleRig.Link>> kept = rig.savedLinks();
      SetUpPhase.Result setUp;
      if (kept.isPresent()) {
        setUp = new SetUpPhase.Result(kept.get(), 0);
        out.printf(Locale.ROOT, "set-up: %d connections kept in %s; set-up and fan-out"
            + " skipped%n", setUp.links().size(), o.data());
        // The first start re-subscribes everything cold; the measured restart is the next one.
        ResubscribePhase.awaitSubscribed(rig.receiver(), setUp.links().size());
      } else {
        setUp = SetUpPhase.run(rig, o.connections(), o.concurrency(), out);
        rig.saveLinks(setUp.links());
        out.printf(Locale.ROOT, "set-up: %d connections established in %.1f s = %.0f"
            + " connections/s (100,000 would take %.1f min)%n", setUp.links().size(),
            setUp.nanos() / 1e9, setUp.perSecond(), 100_000 / setUp.perSecond() / 60);
      }
      if (o.fanout() > 0 && kept.isEmpty()) {
        FanOutPhase.Result f = FanOutPhase.run(rig, setUp.links(), o.fanout(), o.alertBytes());
        out.printf(Locale.ROOT, "fan-out: %d sendText calls returned in %.2f s%n", f.messages(),
            f.calledNanos() / 1e9);
        out.printf(Locale.ROOT, "fan-out: %d alerts all queued in %.2f s (target < %.0f s at"
            + " 10,000)%s, all delivered in %.2f s (target < %.0f s at 10,000)%s; CPU %.0f us"
            + " per alert (relays and both agents)%n",
            f.messages(), f.queuedNanos() / 1e9, TARGET_QUEUED_SECONDS,
            verdict(scaled(f.queuedNanos(), f.messages(), 10_000) < TARGET_QUEUED_SECONDS),
            f.deliveredNanos() / 1e9, TARGET_DELIVERED_SECONDS,
            verdict(scaled(f.deliveredNanos(), f.messages(), 10_000)
                < TARGET_DELIVERED_SECONDS), f.cpuMicrosPerMessage());
      }
      int queues = rig.receiver().subscriptionStats().queues();
      ScaleRig.check(queues >= setUp.links().size(), "the receiver keeps " + queues
          + " queues for " + setUp.links().size() + " connections");
      ResubscribePhase.Result r = ResubscribePhase.run(rig, queues);
      // The targets are per connection (100,000 of them); each has one queue per relay.
      int connections = setUp.links().size();
      out.printf(Locale.ROOT, "restart: Agent.start took %.2f s; %d queues on %d relays all"
          + " subscribed %.2f s after it was called (target < %.0f s at 100,000)%s; SUBs"
          + " sent %d, retried %d, answered after the command timeout %d%n",
          r.startNanos() / 1e9, r.stats().queues(), ScaleRig.RELAYS,
          r.subscribedNanos() / 1e9, TARGET_RESUBSCRIBE_SECONDS,
          verdict(scaled(r.subscribedNanos(), connections, 100_000)
              < TARGET_RESUBSCRIBE_SECONDS),
          r.stats().sentSubs(), r.stats().resentSubs(), r.stats().lateAnswers());
      out.printf(Locale.ROOT, "heap: receiver %.0f MiB (%.0f bytes per connection; 100,000 would"
          + " be %.0f MiB, target < %.0f MiB)%s; whole JVM %.0f MiB after GC%n",
          r.heapBytes() / MIB, (double) r.heapBytes() / connections,
          r.heapBytes() * (100_000.0 / connections) / MIB, TARGET_HEAP_MIB,
          verdict(r.heapBytes() * (100_000.0 / connections) / MIB < TARGET_HEAP_MIB),
          r.totalHeapBytes() / MIB);
      out.printf(Locale.ROOT, "health calls during the re-subscription: %d, p50 %.2f ms, p99"
          + " %.2f ms, max %.2f ms%n", r.health().count(), r.health().millis(50),
          r.health().millis(99), r.health().maxMillis());
      confirmDelivery(rig, setUp);
    }
  }

  /** One message after the restart still arrives, so the subscriptions are real. */
  private static void confirmDelivery(ScaleRig rig, SetUpPhase.Result setUp) throws Exception {
    FanOutPhase.Result after = FanOutPhase.run(rig,
        setUp.links().subList(setUp.links().size() - 1, setUp.links().size()), 1, 16);
    if (after.messages() != 1) {
      throw new BenchException("no message arrived after the restart");
    }
  }

  /** Seconds {@code nanos} would scale to at {@code target} items, linearly. */
  private static double scaled(long nanos, int items, int target) {
    return nanos / 1e9 * target / items;
  }

  private static String verdict(boolean met) {
    return met ? "" : "  MISSED";
  }
}

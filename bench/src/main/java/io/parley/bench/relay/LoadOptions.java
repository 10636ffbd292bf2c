package io.parley.bench.relay;

import io.parley.bench.common.BenchMain;
import io.parley.bench.common.Counts;
import io.parley.bench.common.UsageException;
import io.parley.launch.VersionProvider;
import io.parley.protocol.transport.InvalidRelayAddressException;
import io.parley.protocol.transport.RelayAddress;
import io.parley.transport.tls.TlsEngine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Options of the {@link LoadTool}.
 *
 * @param pairs sender/recipient pairs, each with its own queue and two TLS connections
 * @param seconds measured duration. UNIT: seconds
 * @param warmupSeconds unmeasured run before it (the JIT needs it). UNIT: seconds
 * @param rate target messages per second over all pairs; 0 = as fast as possible
 * @param window messages in flight per pair (sent, not yet received); below the queue quota
 * @param relay the relay to load, or null for an in-process relay (temp dir, fsync always)
 * @param idleQueues if positive, create this many idle subscribed queues and report heap per
 *     queue instead of running traffic (in-process relay only)
 * @param tlsEngine the in-process relay's TLS engine ({@code tls.engine})
 */
record LoadOptions(int pairs, int seconds, int warmupSeconds, int rate, int window,
    RelayAddress relay, int idleQueues, TlsEngine tlsEngine) {

  /** The command line as picocli fills it; {@link #from} checks it. */
  @Command(name = "LoadTool", mixinStandardHelpOptions = true,
      versionProvider = VersionProvider.class, sortOptions = false,
      description = "Load generator for a relay: message throughput and latency, or heap per"
          + " idle queue (java -cp bench/target/parley-bench.jar io.parley.bench.relay.LoadTool).",
      footer = {"", "Without --relay: an in-process relay in a temporary directory with"
          + " fsync=always."})
  static final class Flags {
    @Option(names = "--pairs", paramLabel = "N", converter = Counts.Converter.class,
        description = "sender/recipient pairs (default 8)")
    Integer pairs;
    @Option(names = "--seconds", paramLabel = "S", converter = Counts.Converter.class,
        description = "measured duration (default 10)")
    Integer seconds;
    @Option(names = "--warmup", paramLabel = "S", converter = Counts.Converter.class,
        description = "unmeasured run before it (default 3)")
    Integer warmup;
    @Option(names = "--rate", paramLabel = "MSGS_PER_SEC", converter = Counts.Converter.class,
        description = "target messages per second over all pairs (default unlimited)")
    Integer rate;
    @Option(names = "--window", paramLabel = "W", converter = Counts.Converter.class,
        description = "messages in flight per pair (default 32)")
    Integer window;
    @Option(names = "--relay", paramLabel = "smp://KEYHASH@HOST:PORT",
        description = "the relay to load (default: an in-process relay)")
    String relay;
    @Option(names = "--idle-queues", paramLabel = "M", converter = Counts.Converter.class,
        description = "create M idle subscribed queues and report heap per queue instead")
    Integer idleQueues;
    @Option(names = "--tls-engine", paramLabel = "auto|openssl|jdk",
        description = "TLS engine of the in-process relay (default auto: BoringSSL where it"
            + " loads)")
    String tlsEngine;
  }

  static LoadOptions parse(String... args) throws UsageException {
    return from(BenchMain.parse(new Flags(), args));
  }

  static LoadOptions from(Flags f) throws UsageException {
    int max = Counts.MAX_COUNT;
    RelayAddress relay = null;
    if (f.relay != null) {
      try {
        relay = RelayAddress.parse(f.relay);
      } catch (InvalidRelayAddressException e) {
        throw new UsageException("--relay: " + e.getMessage());
      }
    }
    int idle = Counts.check("--idle-queues", f.idleQueues, 0, 1, max);
    TlsEngine engine = TlsEngine.AUTO;
    if (f.tlsEngine != null) {
      try {
        engine = TlsEngine.parse(f.tlsEngine);
      } catch (IllegalArgumentException e) {
        throw new UsageException("--tls-engine: " + e.getMessage());
      }
    }
    if (idle > 0 && relay != null) {
      throw new UsageException("--idle-queues measures the heap of an in-process relay;"
          + " it cannot be combined with --relay");
    }
    return new LoadOptions(Counts.check("--pairs", f.pairs, 8, 1, max),
        Counts.check("--seconds", f.seconds, 10, 1, max),
        Counts.check("--warmup", f.warmup, 3, 0, max), Counts.check("--rate", f.rate, 0, 0, max),
        Counts.check("--window", f.window, 32, 1, max), relay, idle, engine);
  }
}

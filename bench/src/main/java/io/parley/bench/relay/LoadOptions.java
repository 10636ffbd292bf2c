package io.parley.bench.relay;

import io.parley.bench.common.BenchFlags;
import io.parley.bench.common.UsageException;
import io.parley.protocol.transport.InvalidRelayAddressException;
import io.parley.protocol.transport.RelayAddress;
import java.util.Set;

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
 */
record LoadOptions(int pairs, int seconds, int warmupSeconds, int rate, int window,
    RelayAddress relay, int idleQueues) {

  static final String USAGE = String.join("\n",
      "usage: java -cp bench/target/parley-bench.jar io.parley.bench.relay.LoadTool",
      "         [--pairs N] [--seconds S] [--warmup S] [--rate MSGS_PER_SEC] [--window W]",
      "         [--relay smp://KEYHASH@HOST:PORT] [--idle-queues M]",
      "defaults: --pairs 8 --seconds 10 --warmup 3 --window 32, unlimited rate,",
      "          an in-process relay in a temporary directory with fsync=always");

  static LoadOptions parse(String[] args) throws UsageException {
    BenchFlags f = BenchFlags.parse(args, Set.of("--pairs", "--seconds", "--warmup", "--rate",
        "--window", "--relay", "--idle-queues"));
    int max = BenchFlags.MAX_COUNT;
    RelayAddress relay = null;
    if (f.text("--relay") != null) {
      try {
        relay = RelayAddress.parse(f.text("--relay"));
      } catch (InvalidRelayAddressException e) {
        throw new UsageException("--relay: " + e.getMessage());
      }
    }
    int idle = f.count("--idle-queues", 0, 1, max);
    if (idle > 0 && relay != null) {
      throw new UsageException("--idle-queues measures the heap of an in-process relay;"
          + " it cannot be combined with --relay");
    }
    return new LoadOptions(f.count("--pairs", 8, 1, max), f.count("--seconds", 10, 1, max),
        f.count("--warmup", 3, 0, max), f.count("--rate", 0, 0, max),
        f.count("--window", 32, 1, max), relay, idle);
  }
}

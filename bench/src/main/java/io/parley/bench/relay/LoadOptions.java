package io.parley.bench.relay;

import io.parley.protocol.transport.InvalidRelayAddressException;
import io.parley.protocol.transport.RelayAddress;
import io.parley.relay.cli.UsageException;

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
      "usage: java -cp parley-relay.jar io.parley.bench.relay.LoadTool",
      "         [--pairs N] [--seconds S] [--warmup S] [--rate MSGS_PER_SEC] [--window W]",
      "         [--relay smp://KEYHASH@HOST:PORT] [--idle-queues M]",
      "defaults: --pairs 8 --seconds 10 --warmup 3 --window 32, unlimited rate,",
      "          an in-process relay in a temporary directory with fsync=always");

  static LoadOptions parse(String[] args) throws UsageException {
    int pairs = 8;
    int seconds = 10;
    int warmup = 3;
    int rate = 0;
    int window = 32;
    RelayAddress relay = null;
    int idle = 0;
    for (int i = 0; i < args.length; i++) {
      String opt = args[i];
      if (i + 1 >= args.length) {
        throw new UsageException(opt + " needs a value");
      }
      String v = args[++i];
      switch (opt) {
        case "--pairs" -> pairs = positive(opt, v);
        case "--seconds" -> seconds = positive(opt, v);
        case "--warmup" -> warmup = nonNegative(opt, v);
        case "--rate" -> rate = nonNegative(opt, v);
        case "--window" -> window = positive(opt, v);
        case "--idle-queues" -> idle = positive(opt, v);
        case "--relay" -> {
          try {
            relay = RelayAddress.parse(v);
          } catch (InvalidRelayAddressException e) {
            throw new UsageException("--relay: " + e.getMessage());
          }
        }
        default -> throw new UsageException("unknown option " + opt);
      }
    }
    if (idle > 0 && relay != null) {
      throw new UsageException("--idle-queues measures the heap of an in-process relay;"
          + " it cannot be combined with --relay");
    }
    return new LoadOptions(pairs, seconds, warmup, rate, window, relay, idle);
  }

  private static int positive(String opt, String v) throws UsageException {
    int n = nonNegative(opt, v);
    if (n == 0) {
      throw new UsageException(opt + " must be at least 1");
    }
    return n;
  }

  private static int nonNegative(String opt, String v) throws UsageException {
    try {
      int n = Integer.parseInt(v.replace("_", ""));
      if (n >= 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException(opt + " must be a non-negative whole number, not '" + v + "'");
  }
}

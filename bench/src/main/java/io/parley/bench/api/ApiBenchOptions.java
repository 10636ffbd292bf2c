package io.parley.bench.api;

import io.parley.bench.common.BenchFlags;
import io.parley.bench.common.UsageException;
import java.util.Set;

/**
 * Parameters of {@link ApiBench}. Immutable.
 *
 * @param sends texts POSTed in the throughput phase
 * @param concurrency requests in flight at once in the throughput phase
 * @param connections connections the sends are spread over
 * @param latencyMessages messages timed in the latency phase
 * @param rate messages per second in the latency phase
 * @param warmup sends made first and not counted, through both paths, so that the JIT has
 *     compiled them: the figure is a long-running daemon's, not a cold start's
 */
record ApiBenchOptions(int sends, int concurrency, int connections, int latencyMessages,
    int rate, int warmup) {
  static final int DEFAULT_SENDS = 20_000;
  static final int DEFAULT_CONCURRENCY = 256;
  static final int DEFAULT_CONNECTIONS = 4;
  static final int DEFAULT_LATENCY_MESSAGES = 2_000;
  /** UNIT: messages per second. */
  static final int DEFAULT_RATE = 200;
  static final int DEFAULT_WARMUP = 30_000;
  /** Bytes of each text. UNIT: bytes. */
  static final int TEXT_BYTES = 100;

  /** The command line, for {@code --help} and usage errors. */
  static final String USAGE = String.join("\n",
      "usage: java -cp bench/target/parley-bench.jar io.parley.bench.api.ApiBench",
      "         [--sends 20000] [--concurrency 256] [--connections 4]",
      "         [--latency-messages 2000] [--rate 200] [--warmup 30000]");

  /**
   * Parses {@code --sends N --concurrency C --connections K --latency-messages M --rate R
   * --warmup W}, each optional; every count at least 1 ({@code --warmup} may be 0).
   *
   * @throws UsageException naming the bad flag
   */
  static ApiBenchOptions parse(String[] args) throws UsageException {
    BenchFlags f = BenchFlags.parse(args, Set.of("--sends", "--concurrency", "--connections",
        "--latency-messages", "--rate", "--warmup"));
    int max = BenchFlags.MAX_COUNT;
    return new ApiBenchOptions(f.count("--sends", DEFAULT_SENDS, 1, max),
        f.count("--concurrency", DEFAULT_CONCURRENCY, 1, max),
        f.count("--connections", DEFAULT_CONNECTIONS, 1, max),
        f.count("--latency-messages", DEFAULT_LATENCY_MESSAGES, 1, max),
        f.count("--rate", DEFAULT_RATE, 1, max),
        f.count("--warmup", DEFAULT_WARMUP, 0, max));
  }
}

package io.parley.bench.api;

import io.parley.bench.common.BenchMain;
import io.parley.bench.common.Counts;
import io.parley.bench.common.UsageException;
import io.parley.launch.VersionProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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

  /** The command line as picocli fills it; {@link #from} checks it. */
  @Command(name = "ApiBench", mixinStandardHelpOptions = true,
      versionProvider = VersionProvider.class, sortOptions = false,
      description = "The daemon's local API under load: sends, latency"
          + " (java -cp bench/target/parley-bench.jar io.parley.bench.api.ApiBench).")
  static final class Flags {
    @Option(names = "--sends", paramLabel = "N", converter = Counts.Converter.class,
        description = "texts POSTed in the throughput phase (default " + DEFAULT_SENDS + ")")
    Integer sends;
    @Option(names = "--concurrency", paramLabel = "C", converter = Counts.Converter.class,
        description = "requests in flight at once (default " + DEFAULT_CONCURRENCY + ")")
    Integer concurrency;
    @Option(names = "--connections", paramLabel = "K", converter = Counts.Converter.class,
        description = "connections the sends are spread over (default " + DEFAULT_CONNECTIONS
            + ")")
    Integer connections;
    @Option(names = "--latency-messages", paramLabel = "M", converter = Counts.Converter.class,
        description = "messages timed in the latency phase (default " + DEFAULT_LATENCY_MESSAGES
            + ")")
    Integer latencyMessages;
    @Option(names = "--rate", paramLabel = "R", converter = Counts.Converter.class,
        description = "messages per second in the latency phase (default " + DEFAULT_RATE + ")")
    Integer rate;
    @Option(names = "--warmup", paramLabel = "W", converter = Counts.Converter.class,
        description = "sends made first and not counted (default " + DEFAULT_WARMUP + ")")
    Integer warmup;
  }

  /**
   * Parses {@code --sends N --concurrency C --connections K --latency-messages M --rate R
   * --warmup W}, each optional; every count at least 1 ({@code --warmup} may be 0).
   *
   * @throws UsageException naming the bad flag
   */
  static ApiBenchOptions parse(String... args) throws UsageException {
    return from(BenchMain.parse(new Flags(), args));
  }

  static ApiBenchOptions from(Flags f) throws UsageException {
    int max = Counts.MAX_COUNT;
    return new ApiBenchOptions(Counts.check("--sends", f.sends, DEFAULT_SENDS, 1, max),
        Counts.check("--concurrency", f.concurrency, DEFAULT_CONCURRENCY, 1, max),
        Counts.check("--connections", f.connections, DEFAULT_CONNECTIONS, 1, max),
        Counts.check("--latency-messages", f.latencyMessages, DEFAULT_LATENCY_MESSAGES, 1, max),
        Counts.check("--rate", f.rate, DEFAULT_RATE, 1, max),
        Counts.check("--warmup", f.warmup, DEFAULT_WARMUP, 0, max));
  }
}

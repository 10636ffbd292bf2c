package io.parley.bench.api;

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

  ApiBenchOptions {
    if (sends <= 0 || concurrency <= 0 || connections <= 0 || latencyMessages <= 0
        || rate <= 0 || warmup < 0) {
      throw new IllegalArgumentException("every option must be positive (--warmup may be 0)");
    }
  }

  /**
   * Parses {@code --sends N --concurrency C --connections K --latency-messages M --rate R
   * --warmup W}.
   *
   * @throws IllegalArgumentException naming the bad flag
   */
  static ApiBenchOptions parse(String[] args) {
    int sends = DEFAULT_SENDS;
    int concurrency = DEFAULT_CONCURRENCY;
    int connections = DEFAULT_CONNECTIONS;
    int latency = DEFAULT_LATENCY_MESSAGES;
    int rate = DEFAULT_RATE;
    int warmup = DEFAULT_WARMUP;
    for (int i = 0; i < args.length; i += 2) {
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(args[i] + " needs a value");
      }
      int v;
      try {
        v = Integer.parseInt(args[i + 1]);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(args[i] + " needs a number");
      }
      switch (args[i]) {
        case "--sends" -> sends = v;
        case "--concurrency" -> concurrency = v;
        case "--connections" -> connections = v;
        case "--latency-messages" -> latency = v;
        case "--rate" -> rate = v;
        case "--warmup" -> warmup = v;
        default -> throw new IllegalArgumentException("unknown flag " + args[i]);
      }
    }
    return new ApiBenchOptions(sends, concurrency, connections, latency, rate, warmup);
  }
}

package io.parley.bench.agent;

/**
 * Parameters of one {@link AgentBench} run. Immutable.
 *
 * @param messages messages in the throughput phase. UNIT: messages
 * @param connections connections messages are spread over, in parallel. UNIT: connections
 * @param rate send rate of the latency phase. UNIT: messages per second
 * @param latencyMessages messages in the latency phase. UNIT: messages
 * @param handshakes invitations timed for the handshake figure. UNIT: handshakes
 * @param window messages per connection sent but not yet received; below the relay's queue
 *     quota so the sender never runs into ERR QUOTA. UNIT: messages
 * @param warmup messages sent before measuring, so the JIT has compiled the hot paths (Java
 *     crypto runs many times slower cold). UNIT: messages
 */
public record BenchOptions(int messages, int connections, int rate, int latencyMessages,
    int handshakes, int window, int warmup) {
  /** UNIT: messages. */
  public static final int DEFAULT_MESSAGES = 20_000;
  /** UNIT: connections. */
  public static final int DEFAULT_CONNECTIONS = 4;
  /** UNIT: messages per second. */
  public static final int DEFAULT_RATE = 500;
  /** 10 seconds at the default rate. UNIT: messages. */
  public static final int DEFAULT_LATENCY_MESSAGES = 5_000;
  /** UNIT: handshakes. */
  public static final int DEFAULT_HANDSHAKES = 20;
  /** Half the relay's default queue quota of 128. UNIT: messages. */
  public static final int DEFAULT_WINDOW = 64;
  /** UNIT: messages. */
  public static final int DEFAULT_WARMUP = 60_000;
  /** Upper bound of every count, so a typo cannot run for hours. */
  public static final int MAX_COUNT = 10_000_000;
  /** UNIT: connections. */
  public static final int MAX_CONNECTIONS = 256;
  /** Size of every benchmark text. UNIT: bytes (ASCII). */
  public static final int TEXT_BYTES = 1_024;

  /** The defaults. */
  public static BenchOptions defaults() {
    return new BenchOptions(DEFAULT_MESSAGES, DEFAULT_CONNECTIONS, DEFAULT_RATE,
        DEFAULT_LATENCY_MESSAGES, DEFAULT_HANDSHAKES, DEFAULT_WINDOW, DEFAULT_WARMUP);
  }

  /**
   * Parses {@code --messages N --connections C --rate R --latency-messages M --handshakes H
   * --window W --warmup N}, each optional.
   *
   * @throws IllegalArgumentException naming the flag that is unknown, lacks a value or is out
   *     of range
   */
  public static BenchOptions parse(String... args) {
    int messages = DEFAULT_MESSAGES;
    int connections = DEFAULT_CONNECTIONS;
    int rate = DEFAULT_RATE;
    int latencyMessages = DEFAULT_LATENCY_MESSAGES;
    int handshakes = DEFAULT_HANDSHAKES;
    int window = DEFAULT_WINDOW;
    int warmup = DEFAULT_WARMUP;
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(flag + " needs a value");
      }
      String value = args[++i];
      switch (flag) {
        case "--messages" -> messages = count(flag, value, MAX_COUNT);
        case "--connections" -> connections = count(flag, value, MAX_CONNECTIONS);
        case "--rate" -> rate = count(flag, value, MAX_COUNT);
        case "--latency-messages" -> latencyMessages = count(flag, value, MAX_COUNT);
        case "--handshakes" -> handshakes = count(flag, value, MAX_COUNT);
        case "--window" -> window = count(flag, value, MAX_COUNT);
        case "--warmup" -> warmup = count(flag, value, MAX_COUNT);
        default -> throw new IllegalArgumentException("unknown option " + flag);
      }
    }
    return new BenchOptions(messages, connections, rate, latencyMessages, handshakes, window,
        warmup);
  }

  private static int count(String flag, String value, int max) {
    if (!value.matches("[0-9]{1,9}") || Integer.parseInt(value) < 1
        || Integer.parseInt(value) > max) {
      throw new IllegalArgumentException(flag + " must be a whole number from 1 to " + max);
    }
    return Integer.parseInt(value);
  }
}

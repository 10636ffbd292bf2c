package io.parley.bench.agent;

import io.parley.bench.common.BenchFlags;
import io.parley.bench.common.UsageException;
import io.parley.agent.AgentConfig;
import java.util.Set;

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
 * @param relays loopback relays both agents use. UNIT: relays
 * @param redundancy receive queues per connection, each on its own relay (docs/agent.md 2.1);
 *     with two or more relays the latency phase runs again with one relay stopped. UNIT: queues
 */
public record BenchOptions(int messages, int connections, int rate, int latencyMessages,
    int handshakes, int window, int warmup, int relays, int redundancy) {
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
  public static final int MAX_COUNT = BenchFlags.MAX_COUNT;
  /** UNIT: connections. */
  public static final int MAX_CONNECTIONS = 256;
  /** UNIT: relays. */
  public static final int DEFAULT_RELAYS = 1;
  /** UNIT: relays. */
  public static final int MAX_RELAYS = 8;
  /** Size of every benchmark text. UNIT: bytes (ASCII). */
  public static final int TEXT_BYTES = 1_024;

  /** The defaults. */
  public static BenchOptions defaults() {
    return new BenchOptions(DEFAULT_MESSAGES, DEFAULT_CONNECTIONS, DEFAULT_RATE,
        DEFAULT_LATENCY_MESSAGES, DEFAULT_HANDSHAKES, DEFAULT_WINDOW, DEFAULT_WARMUP,
        DEFAULT_RELAYS, AgentConfig.DEFAULT_REDUNDANCY);
  }

  /** The command line, for {@code --help} and usage errors. */
  public static final String USAGE = String.join("\n",
      "usage: java -cp bench/target/parley-bench.jar io.parley.bench.agent.AgentBench",
      "         [--messages 20000] [--connections 4] [--rate 500] [--latency-messages 5000]",
      "         [--handshakes 20] [--window 64] [--warmup 60000] [--relays 1] [--redundancy 2]");

  /**
   * Parses {@code --messages N --connections C --rate R --latency-messages M --handshakes H
   * --window W --warmup N}, each optional.
   *
   * @throws UsageException naming the flag that is unknown, lacks a value or is out of range
   */
  public static BenchOptions parse(String... args) throws UsageException {
    BenchFlags f = BenchFlags.parse(args, Set.of("--messages", "--connections", "--rate",
        "--latency-messages", "--handshakes", "--window", "--warmup", "--relays",
        "--redundancy"));
    return new BenchOptions(f.count("--messages", DEFAULT_MESSAGES, 1, MAX_COUNT),
        f.count("--connections", DEFAULT_CONNECTIONS, 1, MAX_CONNECTIONS),
        f.count("--rate", DEFAULT_RATE, 1, MAX_COUNT),
        f.count("--latency-messages", DEFAULT_LATENCY_MESSAGES, 1, MAX_COUNT),
        f.count("--handshakes", DEFAULT_HANDSHAKES, 1, MAX_COUNT),
        f.count("--window", DEFAULT_WINDOW, 1, MAX_COUNT),
        f.count("--warmup", DEFAULT_WARMUP, 1, MAX_COUNT),
        f.count("--relays", DEFAULT_RELAYS, 1, MAX_RELAYS),
        f.count("--redundancy", AgentConfig.DEFAULT_REDUNDANCY, 1, AgentConfig.MAX_REDUNDANCY));
  }
}

package io.parley.bench.agent;

import io.parley.agent.AgentConfig;
import io.parley.bench.common.BenchMain;
import io.parley.bench.common.Counts;
import io.parley.bench.common.UsageException;
import io.parley.launch.VersionProvider;
import io.parley.transport.tls.TlsEngine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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
 * @param tlsEngine the relays' TLS engine (the agents' relay clients run the JDK's)
 * @param pq whether both agents use the hybrid post-quantum ratchet (the default) or the
 *     classic one ({@code --pq off}), to compare the two (docs/benchmarks.md)
 */
public record BenchOptions(int messages, int connections, int rate, int latencyMessages,
    int handshakes, int window, int warmup, int relays, int redundancy, TlsEngine tlsEngine,
    boolean pq) {

  /** The same with the relays on the default TLS engine (auto) and the post-quantum ratchet. */
  public BenchOptions(int messages, int connections, int rate, int latencyMessages,
      int handshakes, int window, int warmup, int relays, int redundancy) {
    this(messages, connections, rate, latencyMessages, handshakes, window, warmup, relays,
        redundancy, TlsEngine.AUTO, true);
  }

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
  public static final int MAX_COUNT = Counts.MAX_COUNT;
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

  /** The command line as picocli fills it; {@link #from} checks it. */
  @Command(name = "AgentBench", mixinStandardHelpOptions = true,
      versionProvider = VersionProvider.class, sortOptions = false,
      description = "Two agents over an in-process relay: throughput, latency and handshakes"
          + " (java -cp bench/target/parley-bench.jar io.parley.bench.agent.AgentBench).")
  public static final class Flags {
    @Option(names = "--messages", paramLabel = "N", converter = Counts.Converter.class,
        description = "messages in the throughput phase (default " + DEFAULT_MESSAGES + ")")
    Integer messages;
    @Option(names = "--connections", paramLabel = "C", converter = Counts.Converter.class,
        description = "connections the messages are spread over (default "
            + DEFAULT_CONNECTIONS + ", at most " + MAX_CONNECTIONS + ")")
    Integer connections;
    @Option(names = "--rate", paramLabel = "R", converter = Counts.Converter.class,
        description = "messages per second in the latency phase (default " + DEFAULT_RATE + ")")
    Integer rate;
    @Option(names = "--latency-messages", paramLabel = "M", converter = Counts.Converter.class,
        description = "messages in the latency phase (default " + DEFAULT_LATENCY_MESSAGES + ")")
    Integer latencyMessages;
    @Option(names = "--handshakes", paramLabel = "H", converter = Counts.Converter.class,
        description = "invitations timed (default " + DEFAULT_HANDSHAKES + ")")
    Integer handshakes;
    @Option(names = "--window", paramLabel = "W", converter = Counts.Converter.class,
        description = "messages in flight per connection (default " + DEFAULT_WINDOW + ")")
    Integer window;
    @Option(names = "--warmup", paramLabel = "N", converter = Counts.Converter.class,
        description = "messages sent before measuring (default " + DEFAULT_WARMUP + ")")
    Integer warmup;
    @Option(names = "--relays", paramLabel = "N", converter = Counts.Converter.class,
        description = "loopback relays the agents make their queues on (default "
            + DEFAULT_RELAYS + ", at most " + MAX_RELAYS + "); with two or more the latency"
            + " phase runs again with one relay stopped")
    Integer relays;
    @Option(names = "--redundancy", paramLabel = "R", converter = Counts.Converter.class,
        description = "receive queues per connection (default " + AgentConfig.DEFAULT_REDUNDANCY
            + ", at most " + AgentConfig.MAX_REDUNDANCY + ")")
    Integer redundancy;
    @Option(names = "--tls-engine", paramLabel = "auto|openssl|jdk",
        description = "TLS engine of the relays (default auto: BoringSSL where it loads)")
    String tlsEngine;
    @Option(names = "--pq", paramLabel = "on|off",
        description = "hybrid post-quantum ratchet (default on) or the classic one")
    String pq;
  }

  /**
   * Parses {@code --messages N --connections C --rate R --latency-messages M --handshakes H
   * --window W --warmup N}, each optional.
   *
   * @throws UsageException naming the flag that is unknown, lacks a value or is out of range
   */
  public static BenchOptions parse(String... args) throws UsageException {
    return from(BenchMain.parse(new Flags(), args));
  }

  /** Checks the parsed flags, filling in the defaults. */
  public static BenchOptions from(Flags f) throws UsageException {
    TlsEngine engine = TlsEngine.AUTO;
    if (f.tlsEngine != null) {
      try {
        engine = TlsEngine.parse(f.tlsEngine);
      } catch (IllegalArgumentException e) {
        throw new UsageException("--tls-engine: " + e.getMessage());
      }
    }
    return new BenchOptions(Counts.check("--messages", f.messages, DEFAULT_MESSAGES, 1, MAX_COUNT),
        Counts.check("--connections", f.connections, DEFAULT_CONNECTIONS, 1, MAX_CONNECTIONS),
        Counts.check("--rate", f.rate, DEFAULT_RATE, 1, MAX_COUNT),
        Counts.check("--latency-messages", f.latencyMessages, DEFAULT_LATENCY_MESSAGES, 1,
            MAX_COUNT),
        Counts.check("--handshakes", f.handshakes, DEFAULT_HANDSHAKES, 1, MAX_COUNT),
        Counts.check("--window", f.window, DEFAULT_WINDOW, 1, MAX_COUNT),
        Counts.check("--warmup", f.warmup, DEFAULT_WARMUP, 1, MAX_COUNT),
        Counts.check("--relays", f.relays, DEFAULT_RELAYS, 1, MAX_RELAYS),
        Counts.check("--redundancy", f.redundancy, AgentConfig.DEFAULT_REDUNDANCY, 1,
            AgentConfig.MAX_REDUNDANCY), engine, pqFlag(f.pq));
  }

  private static boolean pqFlag(String value) throws UsageException {
    if (value == null || value.equals("on")) {
      return true;
    }
    if (value.equals("off")) {
      return false;
    }
    throw new UsageException("--pq must be on or off");
  }
}

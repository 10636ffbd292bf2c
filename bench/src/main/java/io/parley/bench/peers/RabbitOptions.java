package io.parley.bench.peers;

import io.parley.bench.common.BenchMain;
import io.parley.bench.common.Counts;
import io.parley.bench.common.UsageException;
import io.parley.launch.VersionProvider;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Options of {@link RabbitLoad}. Immutable.
 *
 * @param host broker host
 * @param port broker's AMQPS port
 * @param caCert PEM certificate the broker's TLS certificate must be (pinned), or null for
 *     plain AMQP
 * @param user broker user
 * @param password broker password (the Debian default guest works on loopback only)
 * @param pairs producer/consumer pairs, each with its own queue and two connections
 * @param window messages per pair published and not yet consumed. UNIT: messages
 * @param bytes body size. UNIT: bytes
 * @param seconds measured duration. UNIT: seconds
 * @param warmupSeconds unmeasured run before it. UNIT: seconds
 * @param queueType {@code quorum} or {@code classic}
 */
public record RabbitOptions(String host, int port, Path caCert, String user, String password,
    int pairs, int window, int bytes, int seconds, int warmupSeconds, String queueType) {
  public static final int DEFAULT_PAIRS = 8;
  public static final int DEFAULT_WINDOW = 32;
  /** The relay's shape; the agent's is 1,024. UNIT: bytes. */
  public static final int DEFAULT_BYTES = 16_384;
  public static final int MAX_BYTES = 1 << 20;
  public static final int DEFAULT_SECONDS = 15;
  public static final int DEFAULT_WARMUP_SECONDS = 10;
  public static final int DEFAULT_PORT = 5671;
  public static final int MAX_PAIRS = 256;

  /** The command line as picocli fills it; {@link #from} checks it. */
  @Command(name = "RabbitLoad", mixinStandardHelpOptions = true,
      versionProvider = VersionProvider.class, sortOptions = false,
      description = "Parley's load shapes against RabbitMQ: durable queues, persistent"
          + " messages, publisher confirms, manual acks, over TLS"
          + " (java -cp bench/target/parley-bench.jar io.parley.bench.peers.RabbitLoad).")
  public static final class Flags {
    @Option(names = "--host", paramLabel = "HOST", description = "broker host (default"
        + " 127.0.0.1)")
    String host;
    @Option(names = "--port", paramLabel = "PORT", converter = Counts.Converter.class,
        description = "AMQPS port (default " + DEFAULT_PORT + ")")
    Integer port;
    @Option(names = "--ca-cert", paramLabel = "PEM", description = "the broker's certificate,"
        + " pinned; without it the connection is plain AMQP")
    Path caCert;
    @Option(names = "--user", paramLabel = "USER", description = "default guest")
    String user;
    @Option(names = "--password", paramLabel = "PASSWORD", description = "default guest")
    String password;
    @Option(names = "--pairs", paramLabel = "N", converter = Counts.Converter.class,
        description = "producer/consumer pairs (default " + DEFAULT_PAIRS + ")")
    Integer pairs;
    @Option(names = "--window", paramLabel = "W", converter = Counts.Converter.class,
        description = "messages in flight per pair (default " + DEFAULT_WINDOW + ")")
    Integer window;
    @Option(names = "--bytes", paramLabel = "B", converter = Counts.Converter.class,
        description = "body size (default " + DEFAULT_BYTES + ")")
    Integer bytes;
    @Option(names = "--seconds", paramLabel = "S", converter = Counts.Converter.class,
        description = "measured seconds (default " + DEFAULT_SECONDS + ")")
    Integer seconds;
    @Option(names = "--warmup", paramLabel = "S", converter = Counts.Converter.class,
        description = "unmeasured seconds first (default " + DEFAULT_WARMUP_SECONDS + ")")
    Integer warmup;
    @Option(names = "--queue-type", paramLabel = "TYPE",
        description = "quorum (default) or classic")
    String queueType;
  }

  /** Parses the flags, each optional. */
  public static RabbitOptions parse(String... args) throws UsageException {
    return from(BenchMain.parse(new Flags(), args));
  }

  /** Checks the parsed flags, filling in the defaults. */
  public static RabbitOptions from(Flags f) throws UsageException {
    String type = f.queueType == null ? "quorum" : f.queueType;
    if (!type.equals("quorum") && !type.equals("classic")) {
      throw new UsageException("--queue-type must be quorum or classic, not '" + type + "'");
    }
    return new RabbitOptions(f.host == null ? "127.0.0.1" : f.host,
        Counts.check("--port", f.port, DEFAULT_PORT, 1, 65_535), f.caCert,
        f.user == null ? "guest" : f.user, f.password == null ? "guest" : f.password,
        Counts.check("--pairs", f.pairs, DEFAULT_PAIRS, 1, MAX_PAIRS),
        Counts.check("--window", f.window, DEFAULT_WINDOW, 1, Counts.MAX_COUNT),
        Counts.check("--bytes", f.bytes, DEFAULT_BYTES, 1, MAX_BYTES),
        Counts.check("--seconds", f.seconds, DEFAULT_SECONDS, 1, Counts.MAX_COUNT),
        Counts.check("--warmup", f.warmup, DEFAULT_WARMUP_SECONDS, 0, Counts.MAX_COUNT),
        type);
  }
}

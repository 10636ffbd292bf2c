package io.parley.bench.scale;

import io.parley.bench.common.BenchMain;
import io.parley.bench.common.Counts;
import io.parley.bench.common.UsageException;
import io.parley.launch.VersionProvider;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Parameters of one {@link ScaleBench} run. Immutable.
 *
 * @param connections established connections made in the set-up. UNIT: connections
 * @param concurrency connections being made at once in the set-up. UNIT: connections
 * @param fanout connections the alert goes to (the first ones made), 0 for no fan-out phase.
 *     UNIT: connections
 * @param alertBytes size of the alert text. UNIT: bytes (ASCII)
 * @param data directory that keeps the relays' and agents' stores after the run, so a later run
 *     with the same directory skips the set-up and measures the restart again on the same
 *     connections; null for a temporary directory deleted at the end
 */
public record ScaleOptions(int connections, int concurrency, int fanout, int alertBytes,
    Path data) {
  /** A run in a temporary directory. */
  public ScaleOptions(int connections, int concurrency, int fanout, int alertBytes) {
    this(connections, concurrency, fanout, alertBytes, null);
  }

  /** UNIT: connections. */
  public static final int DEFAULT_CONNECTIONS = 10_000;
  /** UNIT: connections. */
  public static final int MAX_CONNECTIONS = 1_000_000;
  /** Enough to keep both cores busy through the handshake's round trips. UNIT: connections. */
  public static final int DEFAULT_CONCURRENCY = 128;
  /** UNIT: connections. */
  public static final int MAX_CONCURRENCY = 4_096;
  /** UNIT: connections. */
  public static final int DEFAULT_FANOUT = 10_000;
  /** A short alert, as a notifier sends. UNIT: bytes. */
  public static final int DEFAULT_ALERT_BYTES = 256;
  /** UNIT: bytes. */
  public static final int MAX_ALERT_BYTES = 15_000;

  /** The command line as picocli fills it; {@link #from} checks it. */
  @Command(name = "ScaleBench", mixinStandardHelpOptions = true,
      versionProvider = VersionProvider.class, sortOptions = false,
      description = "Two agents over two in-process relays with many connections: set-up rate,"
          + " one alert to many, and the receiver's re-subscription after a restart"
          + " (java -cp bench/target/parley-bench.jar io.parley.bench.scale.ScaleBench).")
  public static final class Flags {
    @Option(names = "--connections", paramLabel = "N", converter = Counts.Converter.class,
        description = "established connections to make (default " + DEFAULT_CONNECTIONS
            + ", at most " + MAX_CONNECTIONS + ")")
    Integer connections;
    @Option(names = "--concurrency", paramLabel = "C", converter = Counts.Converter.class,
        description = "connections made at once in the set-up (default " + DEFAULT_CONCURRENCY
            + ", at most " + MAX_CONCURRENCY + ")")
    Integer concurrency;
    @Option(names = "--fanout", paramLabel = "F", converter = Counts.Converter.class,
        description = "connections one alert goes to, at most --connections; 0 skips the"
            + " phase (default " + DEFAULT_FANOUT + ", or --connections if fewer)")
    Integer fanout;
    @Option(names = "--alert-bytes", paramLabel = "B", converter = Counts.Converter.class,
        description = "size of the alert text (default " + DEFAULT_ALERT_BYTES + ")")
    Integer alertBytes;
    @Option(names = "--data", paramLabel = "DIR",
        description = "keep the stores in DIR; a DIR that holds a finished set-up is reused:"
            + " set-up and fan-out are skipped and only the restart is measured")
    Path data;
  }

  /** Parses the flags, each optional. */
  public static ScaleOptions parse(String... args) throws UsageException {
    return from(BenchMain.parse(new Flags(), args));
  }

  /** Checks the parsed flags, filling in the defaults. */
  public static ScaleOptions from(Flags f) throws UsageException {
    int connections = Counts.check("--connections", f.connections, DEFAULT_CONNECTIONS, 1,
        MAX_CONNECTIONS);
    return new ScaleOptions(connections,
        Counts.check("--concurrency", f.concurrency, DEFAULT_CONCURRENCY, 1, MAX_CONCURRENCY),
        Counts.check("--fanout", f.fanout, Math.min(DEFAULT_FANOUT, connections), 0,
            connections),
        Counts.check("--alert-bytes", f.alertBytes, DEFAULT_ALERT_BYTES, 1, MAX_ALERT_BYTES),
        f.data);
  }
}

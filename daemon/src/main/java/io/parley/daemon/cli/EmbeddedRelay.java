package io.parley.daemon.cli;

import io.parley.daemon.config.DaemonConfig;
import io.parley.protocol.transport.RelayAddress;
import io.parley.protocol.transport.RelayIdentity;
import io.parley.relay.Relay;
import io.parley.relay.config.RelayConfig;
import io.parley.relay.server.RelayCounters;
import io.parley.transport.tls.TlsEngine;
import io.parley.relay.identity.RelayIdentityFiles;
import io.parley.transport.files.AtomicFiles;
import io.parley.transport.files.OwnerOnlyFiles;
import java.io.IOException;
import java.io.Reader;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The relay a daemon runs for itself when no relay is configured: listens on loopback only,
 * keeps its identity and store in {@code <dataDir>/}{@value #DIR} and remembers its port in
 * {@value #PORT_FILE} there, so the relay address (and every link naming it) stays valid across
 * restarts. The identity is created on first start. Thread-safe; {@link #close()} is idempotent.
 */
public final class EmbeddedRelay implements AutoCloseable {
  /** Subdirectory of the daemon's data directory that belongs to the embedded relay. */
  public static final String DIR = "relay";
  /** File in {@link #DIR} remembering the port of the last successful start. */
  public static final String PORT_FILE = "embedded-relay.properties";
  /** Host the embedded relay listens on and names in its address. */
  public static final String LOOPBACK = "127.0.0.1";

  private static final String PORT_KEY = "port";
  private static final String NEW_IDENTITY_DIR = RelayConfig.IDENTITY_DIR + ".new";
  private static final System.Logger LOG = System.getLogger(EmbeddedRelay.class.getName());

  private final Relay relay;

  private EmbeddedRelay(Relay relay) {
    this.relay = relay;
  }

  /**
   * Starts the embedded relay of {@code dataDir} on {@code requestedPort}, or on the remembered
   * port when it is {@link DaemonConfig#PORT_REMEMBERED} (a free port on the first start).
   *
   * @throws IOException if the identity cannot be created or read, the store cannot be opened,
   *     or the port is taken (the message says which port and how to choose another)
   */
  public static EmbeddedRelay start(Path dataDir, int requestedPort) throws IOException {
    return start(dataDir, requestedPort, RelayConfig.DEFAULT_TLS_ENGINE);
  }

  /** Like {@link #start(Path, int)}, on the given TLS engine (auto: BoringSSL where it loads). */
  public static EmbeddedRelay start(Path dataDir, int requestedPort, TlsEngine tlsEngine)
      throws IOException {
    Path dir = dataDir.resolve(DIR);
    OwnerOnlyFiles.createDirectory(dir);
    RelayConfig.Builder config = RelayConfig.builder(dir)
        .host(LOOPBACK)
        .bindAddress(LOOPBACK)
        .tlsEngine(tlsEngine);
    ensureIdentity(dir, config.build().identityDir());
    int remembered = rememberedPort(dir);
    int port = requestedPort != DaemonConfig.PORT_REMEMBERED ? requestedPort : remembered;
    Relay relay;
    try {
      relay = Relay.start(config.port(port).build());
    } catch (IOException e) {
      String which = port == DaemonConfig.PORT_REMEMBERED ? "a free port"
          : "port " + port + (port == remembered ? " (remembered from the previous start)" : "");
      throw new IOException("the embedded relay cannot listen on " + LOOPBACK + " " + which
          + ": " + e.getMessage() + "; free the port or choose one with --relay-port (links "
          + "made earlier name the old port)", e);
    }
    if (relay.port() != remembered) {
      try {
        rememberPort(dir, relay.port());
      } catch (IOException e) {
        relay.close();
        throw e;
      }
    }
    return new EmbeddedRelay(relay);
  }

  /** The address agents use, {@code smp://<keyHash>@127.0.0.1:<port>}; not a secret. */
  public RelayAddress address() {
    return relay.address();
  }

  /** The relay's traffic counters (blocks, messages); benchmarks read them. */
  public RelayCounters counters() {
    return relay.counters();
  }

  /** The TLS engine the relay runs: openssl or jdk. */
  public TlsEngine tlsEngine() {
    return relay.tlsEngine();
  }

  /** The port the relay listens on. */
  public int port() {
    return relay.port();
  }

  /** Stops accepting, lets pending store writes finish, closes connections and the store. */
  @Override
  public void close() {
    relay.close();
  }

  /**
   * Generates into a side directory and renames it into place, so a crash mid-write never leaves
   * a half-written identity that would block every later start.
   */
  private static void ensureIdentity(Path relayDir, Path identityDir) throws IOException {
    if (Files.isDirectory(identityDir)) {
      return;
    }
    Path fresh = relayDir.resolve(NEW_IDENTITY_DIR);
    deleteTree(fresh);
    RelayIdentityFiles.save(RelayIdentity.generate(Clock.systemUTC()), fresh);
    Files.move(fresh, identityDir, StandardCopyOption.ATOMIC_MOVE);
    LOG.log(Level.INFO, "created the embedded relay's identity in " + identityDir);
  }

  private static int rememberedPort(Path dir) throws IOException {
    Properties props = new Properties();
    try (Reader in = Files.newBufferedReader(dir.resolve(PORT_FILE), StandardCharsets.UTF_8)) {
      props.load(in);
    } catch (NoSuchFileException e) {
      return DaemonConfig.PORT_REMEMBERED;
    } catch (IllegalArgumentException e) {
      throw new IOException(dir.resolve(PORT_FILE) + " is malformed", e);
    }
    String value = props.getProperty(PORT_KEY, "").strip();
    if (!value.matches("[0-9]{1,5}") || Integer.parseInt(value) < 1
        || Integer.parseInt(value) > DaemonConfig.MAX_PORT) {
      throw new IOException(dir.resolve(PORT_FILE) + " does not hold a valid port; fix or "
          + "delete it (a new port invalidates links made earlier)");
    }
    return Integer.parseInt(value);
  }

  private static void rememberPort(Path dir, int port) throws IOException {
    AtomicFiles.writeAscii(dir.resolve(PORT_FILE),
        "# Port of the embedded relay; links made by this daemon name it.\n"
            + PORT_KEY + "=" + port + "\n", true);
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }
}

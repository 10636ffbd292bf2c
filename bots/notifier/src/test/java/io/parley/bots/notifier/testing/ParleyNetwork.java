package io.parley.bots.notifier.testing;

import io.parley.daemon.agent.Agent;
import io.parley.daemon.agent.AgentConfig;
import io.parley.daemon.api.ApiConfig;
import io.parley.daemon.api.ApiServer;
import io.parley.daemon.client.RelayClientConfig;
import io.parley.daemon.store.Database;
import io.parley.protocol.transport.RelayAddress;
import io.parley.protocol.transport.RelayIdentity;
import io.parley.relay.Relay;
import io.parley.relay.config.RelayConfig;
import io.parley.relay.store.StoreConfig.FsyncPolicy;
import io.parley.sdk.ParleyClient;
import io.parley.sdk.ParleyConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A relay and daemons (agent and local API) in this JVM for the notifier's end-to-end tests:
 * real TLS to the relay, real SQLite, real HTTP on loopback. A daemon can be stopped and started
 * again on the same data and port, as the bot would see an outage. Timings are shortened so
 * retries and reconnects take milliseconds. Not thread-safe: drive it from the test thread.
 */
public final class ParleyNetwork implements AutoCloseable {
  /** UNIT: milliseconds. */
  static final long RETRY_MIN_MILLIS = 50;
  /** UNIT: milliseconds. */
  static final long RETRY_MAX_MILLIS = 500;
  /** UNIT: milliseconds. */
  static final long RECONNECT_MIN_MILLIS = 50;
  /** UNIT: milliseconds. */
  static final long RECONNECT_MAX_MILLIS = 300;
  /** UNIT: milliseconds. */
  static final long COMMAND_TIMEOUT_MILLIS = 5_000;
  /** UNIT: milliseconds. */
  static final long SWEEP_MILLIS = 1_000;
  private static final String LOOPBACK = "127.0.0.1";

  private final Path root;
  private final Relay relay;
  private final List<Daemon> daemons = new ArrayList<>();

  public ParleyNetwork(Path root) throws Exception {
    this.root = root;
    Path dir = root.resolve("relay");
    RelayIdentity.generate().save(dir.resolve(RelayConfig.IDENTITY_DIR));
    this.relay = Relay.start(RelayConfig.builder(dir).host(LOOPBACK).bindAddress(LOOPBACK)
        .port(0).persistent(true).fsync(FsyncPolicy.INTERVAL).build());
  }

  /** Starts a daemon (agent and API) named {@code name}. */
  public Daemon daemon(String name) throws Exception {
    Daemon d = new Daemon(name, root.resolve("daemons").resolve(name), relay.address());
    daemons.add(d);
    return d;
  }

  @Override
  public void close() {
    for (Daemon d : daemons) {
      d.stop();
    }
    daemons.clear();
    relay.close();
  }

  /** One daemon on a fixed loopback port once started. Not thread-safe. */
  public static final class Daemon {
    private final String name;
    private final Path dataDir;
    private final RelayAddress relayAddress;
    private Agent agent;
    private Database db;
    private ApiServer api;
    private int port;
    private String token;

    private Daemon(String name, Path dataDir, RelayAddress relayAddress) throws Exception {
      this.name = name;
      this.dataDir = dataDir;
      this.relayAddress = relayAddress;
      start();
    }

    /** The API base URL. */
    public String apiUrl() {
      return "http://" + LOOPBACK + ":" + port;
    }

    /** The root API token. */
    public String token() {
      return token;
    }

    /** An SDK client with the root token. */
    public ParleyClient client() {
      return ParleyClient.create(ParleyConfig.builder(Map.of()).api(apiUrl()).token(token)
          .build());
    }

    /** Starts the agent and the API (on the port of the previous start, if any). */
    public void start() throws Exception {
      Files.createDirectories(dataDir);
      agent = Agent.start(AgentConfig.of(dataDir, List.of(relayAddress), name)
          .withRetry(RETRY_MIN_MILLIS, RETRY_MAX_MILLIS)
          .withSweepIntervalMillis(SWEEP_MILLIS)
          .withRelayClient(RelayClientConfig.defaults()
              .withCommandTimeoutMillis(COMMAND_TIMEOUT_MILLIS)
              .withReconnectMillis(RECONNECT_MIN_MILLIS, RECONNECT_MAX_MILLIS)));
      db = Database.open(dataDir);
      api = ApiServer.start(ApiConfig.builder(dataDir).port(port).build(), agent, db);
      port = api.port();
      token = Files.readString(api.tokenFile()).strip();
    }

    /** Stops the API and the agent, as a daemon that went down. */
    public void stop() {
      if (api != null) {
        api.close();
        api = null;
        db.close();
        db = null;
      }
      if (agent != null) {
        agent.close();
        agent = null;
      }
    }
  }
}

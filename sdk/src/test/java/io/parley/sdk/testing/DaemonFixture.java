package io.parley.sdk.testing;

import io.parley.agent.Agent;
import io.parley.agent.testing.TestNetwork;
import io.parley.daemon.api.ApiConfig;
import io.parley.daemon.api.ApiServer;
import io.parley.protocol.transport.RelayAddress;
import io.parley.relay.testing.RelayFixture;
import io.parley.sdk.ParleyClient;
import io.parley.sdk.ParleyConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A relay and daemons (agent and local API) in this JVM for SDK and bot tests:
 * real TLS to the relay, real SQLite files, real HTTP on loopback. A daemon's API, or the whole
 * daemon, can be restarted on the same port and data, as a bot would see it. Agents run on the
 * agent tests' configuration ({@link TestNetwork#config}), so reconnects take milliseconds.
 * Not thread-safe: drive it from the test thread.
 */
public final class DaemonFixture implements AutoCloseable {
  private static final String LOOPBACK = "127.0.0.1";

  private final Path root;
  private final RelayFixture relay;
  private final List<TestDaemon> daemons = new ArrayList<>();

  /** Starts a relay under {@code root}; daemons are added with {@link #daemon(String)}. */
  public DaemonFixture(Path root) throws Exception {
    this.root = root;
    this.relay = RelayFixture.start(root.resolve("relay"));
  }

  /** Starts daemon {@code name} (agent and API) with its data under this fixture's root. */
  public TestDaemon daemon(String name) throws Exception {
    TestDaemon d = new TestDaemon(name, root.resolve("daemons").resolve(name), relay.address());
    daemons.add(d);
    return d;
  }

  @Override
  public void close() {
    for (TestDaemon d : daemons) {
      d.stop();
    }
    daemons.clear();
    relay.close();
  }

  /**
   * One daemon: an agent with its local API on a fixed loopback port. Not thread-safe.
   */
  public static final class TestDaemon {
    private final String name;
    private final Path dataDir;
    private final RelayAddress relayAddress;
    private Agent agent;
    private ApiServer api;
    private int port;

    private TestDaemon(String name, Path dataDir, RelayAddress relayAddress) throws Exception {
      this.name = name;
      this.dataDir = dataDir;
      this.relayAddress = relayAddress;
      startAgent();
      startApi();
    }

    /** The API's base URL. */
    public String apiUrl() {
      return "http://" + LOOPBACK + ":" + port;
    }

    /** The root token file the API wrote. */
    public Path tokenFile() {
      return api.tokenFile();
    }

    /** The data directory. */
    public Path dataDir() {
      return dataDir;
    }

    /** A new SDK client with the root token, configured like a bot from its environment. */
    public ParleyClient client() {
      return ParleyClient.create(ParleyConfig.builder(Map.of(
          ParleyConfig.ENV_API, apiUrl(),
          ParleyConfig.ENV_TOKEN_FILE, tokenFile().toString())).build());
    }

    /** Stops only the API (the agent keeps running and logging events). */
    public void stopApi() {
      if (api != null) {
        api.close();
        api = null;
      }
    }

    /** Starts the API again on the same port. */
    public void startApi() throws Exception {
      // As parleyd does: the API opens (and closes) its own handle on the agent's database.
      api = ApiServer.start(ApiConfig.builder(dataDir).port(port).build(), agent);
      port = api.port();
    }

    /** Stops the API and the agent, then starts both again on the same data and port. */
    public void restart() throws Exception {
      stop();
      startAgent();
      startApi();
    }

    /** Stops the API and the agent. */
    public void stop() {
      stopApi();
      if (agent != null) {
        agent.close();
        agent = null;
      }
    }

    private void startAgent() throws Exception {
      Files.createDirectories(dataDir);
      agent = Agent.start(TestNetwork.config(dataDir, List.of(relayAddress), name));
    }
  }
}

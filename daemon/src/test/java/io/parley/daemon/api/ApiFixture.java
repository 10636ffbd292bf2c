package io.parley.daemon.api;

import io.parley.daemon.api.security.TokenFile;
import io.parley.agent.testing.TestNetwork;
import io.parley.agent.testing.TestNetwork.TestAgent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A relay and daemons (agent + API) in this JVM for API tests: real TLS to the relay, real
 * SQLite files, real HTTP on loopback. Not thread-safe: drive it from the test thread.
 */
final class ApiFixture implements AutoCloseable {
  private final TestNetwork net;
  private final List<Daemon> daemons = new ArrayList<>();

  /** One daemon: its agent and the API with a root-token client. */
  record Daemon(TestAgent agent, ApiServer api, ApiClient client) {
    String token() {
      return client.token();
    }
  }

  ApiFixture(Path root) throws IOException {
    this.net = new TestNetwork(root);
  }

  TestNetwork network() {
    return net;
  }

  /** Starts daemon {@code name} with the test API settings. */
  Daemon daemon(String name) throws Exception {
    return daemon(name, b -> b);
  }

  /** Starts daemon {@code name}, letting {@code tune} change the API settings. */
  Daemon daemon(String name, UnaryOperator<ApiConfig.Builder> tune) throws Exception {
    TestAgent agent = net.agent(name);
    return attach(agent, tune);
  }

  /** Starts an API on an already running agent. */
  Daemon attach(TestAgent agent, UnaryOperator<ApiConfig.Builder> tune) throws Exception {
    ApiConfig config = tune.apply(ApiConfig.builder(agent.dataDir()).port(0)).build();
    ApiServer api = ApiServer.start(config, agent.agent());
    String token = Files.readString(agent.dataDir().resolve(TokenFile.FILE_NAME)).trim();
    Daemon d = new Daemon(agent, api, new ApiClient(api.port(), token));
    daemons.add(d);
    return d;
  }

  /** Stops a daemon's API (the agent keeps running). */
  void stopApi(Daemon d) {
    d.api().close();
    daemons.remove(d);
  }

  @Override
  public void close() {
    for (Daemon d : daemons) {
      d.api().close();
    }
    daemons.clear();
    net.close();
  }
}

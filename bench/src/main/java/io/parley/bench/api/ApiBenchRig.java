package io.parley.bench.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.agent.Agent;
import io.parley.agent.AgentConfig;
import io.parley.agent.event.AgentEvent;
import io.parley.agent.error.AgentException;
import io.parley.agent.model.ConnectionInfo;
import io.parley.bench.common.BenchException;
import io.parley.daemon.api.ApiConfig;
import io.parley.daemon.api.ApiServer;
import io.parley.daemon.api.ApiStartException;
import io.parley.daemon.api.http.Json;
import io.parley.daemon.api.security.TokenFile;
import io.parley.daemon.cli.EmbeddedRelay;
import io.parley.protocol.transport.RelayAddress;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * What the API benchmark runs on, all in one JVM: an embedded relay on loopback and two
 * daemons (agent + durable SQLite + API on a loopback port), Alice sending and Bob receiving.
 * Connections are made through the API itself. Not thread-safe.
 */
final class ApiBenchRig implements AutoCloseable {
  /** UNIT: seconds. */
  static final long STEP_TIMEOUT_SECONDS = 60;
  /** Pause between checks while a connection establishes. UNIT: nanoseconds. */
  private static final long POLL_NANOS = 10_000_000;

  /** One daemon of the rig. */
  record Daemon(Agent agent, ApiServer api, String token) {
    String base() {
      return "http://127.0.0.1:" + api.port();
    }
  }

  private final Path dir;
  private final EmbeddedRelay relay;
  private final List<Daemon> daemons = new ArrayList<>();
  private final HttpClient http = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
  private final List<Consumer<AgentEvent>> bobListeners = new CopyOnWriteArrayList<>();

  private ApiBenchRig(Path dir, EmbeddedRelay relay) {
    this.dir = dir;
    this.relay = relay;
  }

  static ApiBenchRig start() throws IOException, AgentException, ApiStartException {
    Path dir = Files.createTempDirectory("parley-api-bench");
    ApiBenchRig rig = new ApiBenchRig(dir, EmbeddedRelay.start(dir, 0));
    try {
      rig.daemon("alice", null);
      rig.daemon("bob", e -> rig.bobListeners.forEach(l -> l.accept(e)));
      return rig;
    } catch (IOException | AgentException | ApiStartException | RuntimeException e) {
      rig.close();
      throw e;
    }
  }

  /**
   * Starts a daemon. {@code listener} goes on before the API starts, so it sees each event
   * before the API does.
   */
  private void daemon(String name, Consumer<AgentEvent> listener) throws IOException,
      AgentException, ApiStartException {
    Path data = dir.resolve(name);
    List<RelayAddress> relays = List.of(relay.address());
    Agent agent = Agent.start(AgentConfig.of(data, relays, name));
    if (listener != null) {
      agent.addEventListener(listener);
    }
    ApiServer api = ApiServer.start(ApiConfig.builder(data).port(0).version("bench").build(),
        agent);
    String token = Files.readString(data.resolve(TokenFile.FILE_NAME)).trim();
    daemons.add(new Daemon(agent, api, token));
  }

  Daemon alice() {
    return daemons.get(0);
  }

  Daemon bob() {
    return daemons.get(1);
  }

  HttpClient http() {
    return http;
  }

  /** Receives every event Bob's agent commits from now on, before Bob's API sees it. */
  void addBobListener(Consumer<AgentEvent> listener) {
    bobListeners.add(listener);
  }

  /** Alice invites and Bob joins through the API; returns Alice's connection id. */
  String connect() throws IOException, InterruptedException, BenchException {
    JsonNode invitation = post(alice(), "/v1/invitations", "{}");
    String aliceConn = invitation.get("connectionId").asText();
    String bobConn = post(bob(), "/v1/connections", Json.string(
        Map.of("link", invitation.get("link").asText()))).get("connectionId")
        .asText();
    long deadline = System.nanoTime() + Duration.ofSeconds(STEP_TIMEOUT_SECONDS).toNanos();
    while (!established(alice(), aliceConn) || !established(bob(), bobConn)) {
      if (System.nanoTime() > deadline) {
        throw new BenchException("the connection did not establish in time");
      }
      LockSupport.parkNanos(POLL_NANOS);
    }
    return aliceConn;
  }

  private static boolean established(Daemon d, String id) {
    return d.agent().connection(id)
        .map(c -> c.status() == ConnectionInfo.Status.ESTABLISHED)
        .orElse(false);
  }

  private JsonNode post(Daemon d, String path, String json)
      throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(d.base() + path))
        .header("Authorization", "Bearer " + d.token())
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() / 100 != 2) {
      throw new IOException(path + " answered " + r.statusCode());
    }
    return Json.MAPPER.readTree(r.body());
  }

  @Override
  public void close() {
    for (Daemon d : daemons) {
      d.api().close();
      d.agent().close();
    }
    relay.close();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A temporary directory left behind is harmless.
    }
  }
}

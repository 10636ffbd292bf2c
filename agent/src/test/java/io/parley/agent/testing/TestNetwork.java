package io.parley.agent.testing;

import io.parley.agent.Agent;
import io.parley.agent.AgentConfig;
import io.parley.agent.error.AgentException;
import io.parley.agent.event.AgentEvent;
import io.parley.agent.model.RelayClientConfig;
import io.parley.agent.model.NewInvitation;
import io.parley.protocol.transport.RelayAddress;
import io.parley.relay.testing.RelayFixture;
import io.parley.testkit.Deadline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Relays and agents in this JVM for agent tests: real TLS on loopback, real journals and SQLite
 * files under one test directory. Timings are shortened (retries from
 * {@value #RETRY_MIN_MILLIS} ms, reconnects from {@value #RECONNECT_MIN_MILLIS} ms) so fault
 * tests finish in seconds. Not thread-safe: drive it from the test thread.
 */
public final class TestNetwork
    implements AutoCloseable, BeforeEachCallback, AfterEachCallback {
  /** UNIT: milliseconds. */
  public static final long RETRY_MIN_MILLIS = 50;
  /** UNIT: milliseconds. */
  public static final long RETRY_MAX_MILLIS = 500;
  /** UNIT: milliseconds. */
  public static final long RECONNECT_MIN_MILLIS = 50;
  /** UNIT: milliseconds. */
  public static final long RECONNECT_MAX_MILLIS = 300;
  /** UNIT: milliseconds. */
  public static final long COMMAND_TIMEOUT_MILLIS = 5_000;
  /** UNIT: milliseconds. */
  public static final long SWEEP_MILLIS = 1_000;
  /** How long a test helper waits for a future. UNIT: seconds. */
  public static final long WAIT_SECONDS = Deadline.DEFAULT_TIMEOUT.toSeconds();

  /** Held so the level sticks: Quartz announces every scheduler start at INFO. */
  private static final java.util.logging.Logger QUARTZ_LOG = quietQuartz();

  private static java.util.logging.Logger quietQuartz() {
    java.util.logging.Logger l = java.util.logging.Logger.getLogger("org.quartz");
    l.setLevel(java.util.logging.Level.WARNING);
    return l;
  }

  private Path root;
  private boolean ownsRoot;
  private final Map<String, RelayFixture> relays = new LinkedHashMap<>();
  private final Map<String, TestAgent> agents = new LinkedHashMap<>();

  /** A running agent with its recorder. */
  public record TestAgent(String name, Agent agent, EventRecorder events, Path dataDir) {}

  /** A connection as both of its sides see it. */
  public record Pair(String inviterConnection, String joinerConnection) {}

  public TestNetwork(Path root) throws IOException {
    this.root = root;
    relay("relay");
  }

  /**
   * For {@code @RegisterExtension}: before each test the network starts in a fresh temporary
   * directory with its default relay; after it, everything is closed and the directory removed.
   */
  public TestNetwork() {}

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    root = Files.createTempDirectory("parley-network");
    ownsRoot = true;
    relay("relay");
  }

  @Override
  public void afterEach(ExtensionContext context) throws IOException {
    close();
    if (ownsRoot) {
      try (Stream<Path> files = Files.walk(root)) {
        for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(f);
        }
      }
    }
  }

  /** The relay named {@code name}, started on first use (all share the test identity). */
  public RelayFixture relay(String name) throws IOException {
    RelayFixture r = relays.get(name);
    if (r == null) {
      r = RelayFixture.start(root.resolve("relays").resolve(name));
      relays.put(name, r);
    }
    return r;
  }

  /** Starts relay {@code name} with a queue quota of {@code quota} messages. */
  public RelayFixture relay(String name, int quota) throws IOException {
    RelayFixture r = RelayFixture.start(root.resolve("relays").resolve(name),
        b -> b.queueQuota(quota));
    relays.put(name, r);
    return r;
  }

  /** The default relay. */
  public RelayFixture relay() {
    return relays.get("relay");
  }

  /** The test configuration of an agent in {@code dir} using {@code relayAddresses}. */
  public static AgentConfig config(Path dir, List<RelayAddress> relayAddresses, String name) {
    return AgentConfig.of(dir, relayAddresses, name)
        .withRetry(RETRY_MIN_MILLIS, RETRY_MAX_MILLIS)
        .withSweepIntervalMillis(SWEEP_MILLIS)
        .withRelayClient(RelayClientConfig.defaults()
            .withCommandTimeoutMillis(COMMAND_TIMEOUT_MILLIS)
            .withReconnectMillis(RECONNECT_MIN_MILLIS, RECONNECT_MAX_MILLIS));
  }

  /** Starts (or restarts, on the same data) agent {@code name} on the default relay. */
  public TestAgent agent(String name) throws AgentException {
    return agent(name, List.of(relay().address()));
  }

  /** Starts (or restarts) agent {@code name} creating its queues on {@code on}. */
  public TestAgent agent(String name, List<RelayAddress> on) throws AgentException {
    return agent(name, on, c -> c);
  }

  /** Starts (or restarts) agent {@code name} with its test configuration changed by {@code f}. */
  public TestAgent agent(String name, List<RelayAddress> on,
      java.util.function.UnaryOperator<AgentConfig> f) throws AgentException {
    TestAgent old = agents.remove(name);
    if (old != null) {
      old.agent().close();
    }
    Path dir = dataDir(name);
    Agent a = Agent.start(f.apply(config(dir, on, name)));
    TestAgent t = new TestAgent(name, a, EventRecorder.attach(a), dir);
    agents.put(name, t);
    return t;
  }

  /** Where agent {@code name} keeps its data. */
  public Path dataDir(String name) {
    return root.resolve("agents").resolve(name);
  }

  /** Closes agent {@code name} (gracefully) without starting it again. */
  public void stop(String name) {
    TestAgent old = agents.remove(name);
    if (old != null) {
      old.agent().close();
    }
  }

  /**
   * Connects two agents through an invitation and waits until both sides are established.
   */
  public Pair connect(TestAgent inviter, TestAgent joiner) throws Exception {
    NewInvitation inv = inviter.agent().createInvitation(null).get(WAIT_SECONDS, TimeUnit.SECONDS);
    String joined = joiner.agent().join(inv.link(), null).get(WAIT_SECONDS, TimeUnit.SECONDS);
    inviter.events().await(EventRecorder.is(AgentEvent.CONNECTION_ESTABLISHED,
        inv.connectionId()));
    joiner.events().await(EventRecorder.is(AgentEvent.CONNECTION_ESTABLISHED, joined));
    return new Pair(inv.connectionId(), joined);
  }

  @Override
  public void close() {
    List<TestAgent> all = new ArrayList<>(agents.values());
    agents.clear();
    for (TestAgent t : all) {
      t.agent().close();
    }
    relays.values().forEach(RelayFixture::close);
    relays.clear();
  }
}

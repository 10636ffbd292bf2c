package io.parley.bench.agent;

import io.parley.agent.Agent;
import io.parley.agent.AgentConfig;
import io.parley.agent.event.AgentEvent;
import io.parley.agent.error.AgentException;
import io.parley.agent.model.NewInvitation;
import io.parley.bench.common.BenchException;
import io.parley.daemon.cli.EmbeddedRelay;
import io.parley.daemon.config.DaemonConfig;
import io.parley.transport.tls.TlsEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * What the benchmark runs on: a loopback relay and two agents (sender and receiver) with durable
 * SQLite stores, all in a fresh temporary directory that {@link #close()} deletes. Received
 * messages go to the one receive handler a phase installs. Thread-safe.
 */
final class BenchRig implements AutoCloseable {
  /** Deadline of any single step (an invitation, a join, a send). UNIT: seconds. */
  static final long STEP_TIMEOUT_SECONDS = 30;
  private static final String ALIAS = "bench";

  private final Path dir;
  private final List<EmbeddedRelay> relays;
  private final Agent sender;
  private final Agent receiver;
  private final ConcurrentMap<String, CompletableFuture<Long>> senderEstablished =
      new ConcurrentHashMap<>();
  private final ConcurrentMap<String, CompletableFuture<Long>> receiverEstablished =
      new ConcurrentHashMap<>();
  private volatile Consumer<AgentEvent> onReceived = e -> { };

  /** A connection seen from both agents, and how long its handshake took. */
  record Link(String senderId, String receiverId, long handshakeNanos) {}

  private BenchRig(Path dir, List<EmbeddedRelay> relays, Agent sender, Agent receiver) {
    this.dir = dir;
    this.relays = relays;
    this.sender = sender;
    this.receiver = receiver;
    sender.addEventListener(e -> established(e, senderEstablished));
    receiver.addEventListener(e -> {
      established(e, receiverEstablished);
      if (AgentEvent.MESSAGE_RECEIVED.equals(e.type())) {
        onReceived.accept(e);
      }
    });
  }

  static BenchRig start() throws IOException, AgentException {
    return start(1, 1, TlsEngine.AUTO, true);
  }

  /** {@code relayCount} loopback relays on the default engine, post-quantum ratchet on. */
  static BenchRig start(int relayCount, int redundancy) throws IOException, AgentException {
    return start(relayCount, redundancy, TlsEngine.AUTO, true);
  }

  /** As {@link #start(int, int, TlsEngine, boolean)} with the post-quantum ratchet on. */
  static BenchRig start(int relayCount, int redundancy, TlsEngine tlsEngine)
      throws IOException, AgentException {
    return start(relayCount, redundancy, tlsEngine, true);
  }

  /**
   * {@code relayCount} loopback relays on {@code tlsEngine}; each connection gets
   * {@code redundancy} queues; both agents use the post-quantum ratchet or not.
   */
  static BenchRig start(int relayCount, int redundancy, TlsEngine tlsEngine, boolean pq)
      throws IOException, AgentException {
    Path dir = Files.createTempDirectory("parley-bench");
    List<EmbeddedRelay> started = new ArrayList<>();
    Agent sender = null;
    try {
      for (int i = 0; i < relayCount; i++) {
        started.add(EmbeddedRelay.start(dir.resolve("relay-" + i), DaemonConfig.PORT_REMEMBERED,
            tlsEngine));
      }
      List<io.parley.protocol.transport.RelayAddress> relays =
          started.stream().map(EmbeddedRelay::address).toList();
      sender = Agent.start(AgentConfig.of(dir.resolve("sender"), relays, "sender")
          .withRedundancy(redundancy).withPostQuantum(pq));
      Agent receiver = Agent.start(AgentConfig.of(dir.resolve("receiver"), relays, "receiver")
          .withRedundancy(redundancy).withPostQuantum(pq));
      return new BenchRig(dir, started, sender, receiver);
    } catch (AgentException | IOException | RuntimeException e) {
      if (sender != null) {
        sender.close();
      }
      started.forEach(EmbeddedRelay::close);
      deleteTree(dir);
      throw e;
    }
  }

  /** The data directory; scratch files for the fsync measurement go there too. */
  Path dir() {
    return dir;
  }

  /** The first relay's TLS engine. */
  TlsEngine relayTlsEngine() {
    return relays.get(0).tlsEngine();
  }

  /** Blocks every relay received and sent so far (each crossed TLS at both ends). */
  long relayBlocks() {
    long n = 0;
    for (EmbeddedRelay r : relays) {
      n += r.counters().blocksReceived() + r.counters().blocksSent();
    }
    return n;
  }

  /** Stops the last relay for good (the latency phase with one relay down). */
  void stopLastRelay() {
    relays.get(relays.size() - 1).close();
  }

  Agent sender() {
    return sender;
  }

  /** Installs the handler of {@code message.received} events on the receiver. */
  void onReceived(Consumer<AgentEvent> handler) {
    onReceived = handler;
  }

  /** Invites from the sender, joins from the receiver, and waits until both are established. */
  Link connect() throws BenchException {
    long start = System.nanoTime();
    NewInvitation invitation = await(sender.createInvitation(ALIAS), "createInvitation");
    String receiverId = await(receiver.join(invitation.link(), ALIAS), "join");
    long senderDone = await(established(senderEstablished, invitation.connectionId()),
        "sender established");
    long receiverDone = await(established(receiverEstablished, receiverId),
        "receiver established");
    return new Link(invitation.connectionId(), receiverId,
        Math.max(senderDone, receiverDone) - start);
  }

  static <T> T await(Future<T> future, String step) throws BenchException {
    try {
      return future.get(STEP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new BenchException(step + " failed: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new BenchException(step + " took longer than " + STEP_TIMEOUT_SECONDS + " s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BenchException(step + " interrupted", e);
    }
  }

  private static CompletableFuture<Long> established(
      ConcurrentMap<String, CompletableFuture<Long>> map, String connectionId) {
    return map.computeIfAbsent(connectionId, id -> new CompletableFuture<>());
  }

  private static void established(AgentEvent e,
      ConcurrentMap<String, CompletableFuture<Long>> map) {
    if (AgentEvent.CONNECTION_ESTABLISHED.equals(e.type())) {
      established(map, e.connectionId()).complete(System.nanoTime());
    }
  }

  @Override
  public void close() throws IOException {
    try {
      sender.close();
      receiver.close();
      relays.forEach(EmbeddedRelay::close);
    } finally {
      deleteTree(dir);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }
}

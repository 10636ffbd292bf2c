package io.parley.bench.scale;

import io.parley.agent.Agent;
import io.parley.agent.AgentConfig;
import io.parley.agent.error.AgentException;
import io.parley.agent.event.AgentEvent;
import io.parley.bench.common.BenchException;
import io.parley.protocol.transport.RelayAddress;
import io.parley.protocol.transport.RelayIdentity;
import io.parley.relay.Relay;
import io.parley.relay.config.RelayConfig;
import io.parley.relay.identity.RelayIdentityFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Two loopback relays (durable, fsync always, no limit on new queues per connection, as the
 * set-up makes hundreds of thousands) and two agents with durable stores using both, in a
 * fresh temporary directory that {@link #close()} deletes. The receiver can be restarted on its
 * store. Thread-safe.
 */
final class ScaleRig implements AutoCloseable {
  static final int RELAYS = 2;
  private static final String ALIAS = "scale";

  private final Path dir;
  private final List<Relay> relays;
  private final List<RelayAddress> addresses;
  private final Agent sender;
  private volatile Agent receiver;
  private final ConcurrentMap<String, CompletableFuture<Void>> established =
      new ConcurrentHashMap<>();
  private volatile Consumer<AgentEvent> onReceived = e -> { };

  /** A connection seen from both agents. */
  record Link(String senderId, String receiverId) {}

  private ScaleRig(Path dir, List<Relay> relays, Agent sender) throws AgentException {
    this.dir = dir;
    this.relays = relays;
    this.addresses = relays.stream().map(Relay::address).toList();
    this.sender = sender;
    sender.addEventListener(this::established);
    startReceiver();
  }

  static ScaleRig start() throws IOException, AgentException {
    Path dir = Files.createTempDirectory("parley-scale");
    List<Relay> started = new ArrayList<>();
    try {
      for (int i = 0; i < RELAYS; i++) {
        Path relayDir = dir.resolve("relay-" + i);
        RelayIdentityFiles.save(RelayIdentity.generate(Clock.systemUTC()),
            relayDir.resolve(RelayConfig.IDENTITY_DIR));
        started.add(Relay.start(RelayConfig.builder(relayDir).host("127.0.0.1")
            .bindAddress("127.0.0.1").port(0)
            .maxNewQueuesPerConnectionPerMinute(
                RelayConfig.MAX_NEW_QUEUES_PER_CONNECTION_PER_MINUTE)
            .build()));
      }
      List<RelayAddress> addresses = started.stream().map(Relay::address).toList();
      Agent sender = Agent.start(AgentConfig.of(dir.resolve("sender"), addresses, "sender"));
      try {
        return new ScaleRig(dir, started, sender);
      } catch (AgentException | RuntimeException e) {
        sender.close();
        throw e;
      }
    } catch (AgentException | IOException | RuntimeException e) {
      started.forEach(Relay::close);
      deleteTree(dir);
      throw e;
    }
  }

  /** Starts the receiver on its store (again, after {@link #stopReceiver}). */
  Agent startReceiver() throws AgentException {
    Agent r = Agent.start(AgentConfig.of(dir.resolve("receiver"), addresses, "receiver"));
    r.addEventListener(this::established);
    r.addEventListener(e -> {
      if (AgentEvent.MESSAGE_RECEIVED.equals(e.type())) {
        onReceived.accept(e);
      }
    });
    receiver = r;
    return r;
  }

  /** Stops the receiver and lets go of it, so a heap measured now holds none of it. */
  void stopReceiver() {
    Agent r = receiver;
    receiver = null;
    r.close();
  }

  Agent sender() {
    return sender;
  }

  Agent receiver() {
    return receiver;
  }

  /** Installs the handler of {@code message.received} events on the receiver. */
  void onReceived(Consumer<AgentEvent> handler) {
    onReceived = handler;
  }

  /** Invites from the sender, joins from the receiver; completes once both are established. */
  CompletableFuture<Link> connect() {
    Agent r = receiver;
    return sender.createInvitation(ALIAS).thenCompose(inv -> r.join(inv.link(), ALIAS)
        .thenCompose(receiverId -> established(inv.connectionId())
            .thenCombine(established(receiverId), (a, b) -> new Link(inv.connectionId(),
                receiverId))));
  }

  private CompletableFuture<Void> established(String connectionId) {
    return established.computeIfAbsent(connectionId, id -> new CompletableFuture<>());
  }

  private void established(AgentEvent e) {
    if (AgentEvent.CONNECTION_ESTABLISHED.equals(e.type())) {
      // Done with once seen, so 100,000 connections leave no futures behind.
      CompletableFuture<Void> f = established(e.connectionId());
      f.complete(null);
    }
  }

  /** Forgets the handshake bookkeeping of a made connection. */
  void forget(Link link) {
    established.remove(link.senderId());
    established.remove(link.receiverId());
  }

  @Override
  public void close() throws IOException {
    try {
      sender.close();
      if (receiver != null) {
        receiver.close();
      }
      relays.forEach(Relay::close);
    } finally {
      deleteTree(dir);
    }
  }

  static void deleteTree(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }

  static void check(boolean ok, String what) throws BenchException {
    if (!ok) {
      throw new BenchException(what);
    }
  }
}

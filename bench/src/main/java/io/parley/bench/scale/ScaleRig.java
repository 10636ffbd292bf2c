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
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Two loopback relays (durable, fsync always, no limit on new queues per connection, as the
 * set-up makes hundreds of thousands) and two agents with durable stores using both, in a
 * fresh temporary directory that {@link #close()} deletes, or in a kept directory where a later
 * rig starts again on the same stores (the relays on the ports they had, which the agents'
 * stored addresses name). The receiver can be restarted on its store. Thread-safe.
 */
final class ScaleRig implements AutoCloseable {
  static final int RELAYS = 2;
  private static final String ALIAS = "scale";
  /** In a kept directory: the relays' ports, one a line. */
  private static final String PORTS_FILE = "relay-ports.txt";
  /** In a kept directory: the finished set-up's links, sender and receiver id a line. */
  private static final String LINKS_FILE = "links.txt";

  private final Path dir;
  private final boolean keep;
  private final List<Relay> relays;
  private final List<RelayAddress> addresses;
  private final Agent sender;
  private volatile Agent receiver;
  private final ConcurrentMap<String, CompletableFuture<Void>> established =
      new ConcurrentHashMap<>();
  private volatile Consumer<AgentEvent> onReceived = e -> { };

  /** A connection seen from both agents. */
  record Link(String senderId, String receiverId) {}

  private ScaleRig(Path dir, boolean keep, List<Relay> relays, Agent sender)
      throws AgentException {
    this.dir = dir;
    this.keep = keep;
    this.relays = relays;
    this.addresses = relays.stream().map(Relay::address).toList();
    this.sender = sender;
    sender.addEventListener(this::established);
    startReceiver();
  }

  static ScaleRig start() throws IOException, AgentException {
    return start(null);
  }

  /** A rig in {@code keptDir} (created if missing, reused if it holds one), or a fresh one. */
  static ScaleRig start(Path keptDir) throws IOException, AgentException {
    boolean keep = keptDir != null;
    Path dir = keep ? Files.createDirectories(keptDir) : Files.createTempDirectory("parley-scale");
    Path portsFile = dir.resolve(PORTS_FILE);
    List<Integer> ports = Files.exists(portsFile)
        ? Files.readAllLines(portsFile).stream().map(Integer::parseInt).toList() : List.of();
    List<Relay> started = new ArrayList<>();
    try {
      for (int i = 0; i < RELAYS; i++) {
        Path relayDir = dir.resolve("relay-" + i);
        Path identityDir = relayDir.resolve(RelayConfig.IDENTITY_DIR);
        if (!Files.exists(identityDir)) {
          RelayIdentityFiles.save(RelayIdentity.generate(Clock.systemUTC()), identityDir);
        }
        started.add(Relay.start(RelayConfig.builder(relayDir).host("127.0.0.1")
            .bindAddress("127.0.0.1").port(i < ports.size() ? ports.get(i) : 0)
            .maxNewQueuesPerConnectionPerMinute(
                RelayConfig.MAX_NEW_QUEUES_PER_CONNECTION_PER_MINUTE)
            .build()));
      }
      List<RelayAddress> addresses = started.stream().map(Relay::address).toList();
      if (keep) {
        Files.write(portsFile, addresses.stream().map(a -> Integer.toString(a.port())).toList());
      }
      Agent sender = Agent.start(AgentConfig.of(dir.resolve("sender"), addresses, "sender"));
      try {
        return new ScaleRig(dir, keep, started, sender);
      } catch (AgentException | RuntimeException e) {
        sender.close();
        throw e;
      }
    } catch (AgentException | IOException | RuntimeException e) {
      started.forEach(Relay::close);
      if (!keep) {
        deleteTree(dir);
      }
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
      if (!keep) {
        deleteTree(dir);
      }
    }
  }

  /** Records a finished set-up in a kept directory, so a later rig can skip it. */
  void saveLinks(List<Link> links) throws IOException {
    if (keep) {
      Files.write(dir.resolve(LINKS_FILE), links.stream()
          .map(l -> l.senderId() + " " + l.receiverId()).toList());
    }
  }

  /** The links of a finished set-up in this kept directory, or empty if there is none. */
  Optional<List<Link>> savedLinks() throws IOException {
    Path file = dir.resolve(LINKS_FILE);
    if (!keep || !Files.exists(file)) {
      return Optional.empty();
    }
    return Optional.of(Files.readAllLines(file).stream().map(line -> line.split(" ", 2))
        .map(p -> new Link(p[0], p[1])).toList());
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

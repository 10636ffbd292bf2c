package io.parley.agent;

import io.micrometer.core.instrument.MeterRegistry;
import io.parley.agent.error.AgentException;
import io.parley.agent.error.UncheckedAgentException;
import io.parley.agent.event.AgentEvent;
import io.parley.agent.internal.events.EventLog;
import io.parley.agent.internal.runtime.Failures;
import io.parley.agent.internal.store.EventStore;
import io.parley.agent.internal.store.SharedStores;
import io.parley.agent.internal.store.StatsReadModel;
import io.parley.agent.internal.store.StoreException;
import io.parley.agent.internal.runtime.ProfileText;
import io.parley.agent.model.AgentHealth;
import io.parley.agent.model.ConnectionInfo;
import io.parley.agent.model.ContactAddress;
import io.parley.agent.model.ContactRequestInfo;
import io.parley.agent.model.MessageInfo;
import io.parley.agent.model.NewInvitation;
import io.parley.agent.model.ProfileCommand;
import io.parley.agent.model.ProfileInfo;
import io.parley.agent.internal.store.ProfileRow;
import io.parley.agent.model.QueueInfo;
import io.parley.agent.model.RotationInfo;
import io.parley.agent.model.RelayInfo;
import io.parley.agent.model.QueuedMessage;
import io.parley.agent.model.SubscriptionStats;
import io.parley.agent.internal.client.RelayClient;
import io.parley.agent.readmodel.EventLogSpan;
import io.parley.agent.readmodel.MessageHistory;
import io.parley.agent.readmodel.StoreStats;
import io.parley.agent.store.SchemaExtension;
import io.parley.agent.store.SharedStore;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A running Parley agent: the only holder of this user's keys, connections and messages
 * (docs/agent.md). It talks to relays, runs handshakes, encrypts, delivers with retries and
 * receives store-then-ACK; everything it does shows up in the durable event log.
 *
 * <p>Methods that talk to relays or the store return futures; those fail with an
 * {@link AgentException} (wrapped in a {@link java.util.concurrent.CompletionException}).
 * Lookups answer from memory or one read and throw {@link UncheckedAgentException} if the store
 * fails. Thread-safe.
 */
public final class Agent implements AutoCloseable {
  /** Longest alias accepted. UNIT: characters. */
  public static final int MAX_ALIAS_CHARS = 256;

  private final AgentParts parts;
  private final AgentProfile defaultProfile;
  private volatile boolean closed;

  private Agent(AgentParts parts) {
    this.parts = parts;
    this.defaultProfile = new AgentProfile(this, parts, ProfileInfo.DEFAULT_ID);
  }

  /**
   * Opens the store in the data directory, loads every connection, connects to the relays and
   * resumes whatever was under way: queued messages, joins, deletions.
   *
   * @throws AgentException STORE_UNAVAILABLE if the database cannot be opened or loaded
   */
  public static Agent start(AgentConfig config) throws AgentException {
    AgentParts parts = AgentParts.assemble(config);
    try {
      parts.load();
    } catch (AgentException | RuntimeException e) {
      parts.close();
      throw e;
    }
    return new Agent(parts);
  }

  /** Creates a one-time invitation of the default profile; see {@link AgentProfile}. */
  public CompletableFuture<NewInvitation> createInvitation(String alias) {
    return defaultProfile.createInvitation(alias);
  }

  /**
   * Joins an invitation, or asks a contact address to connect, in the default profile;
   * completes with the new connection's id (see
   * {@link io.parley.agent.internal.handshake.Joins#join}).
   */
  public CompletableFuture<String> join(String link, String alias) {
    return defaultProfile.join(link, alias);
  }

  /** Every connection of the default profile that is not deleted, oldest first. */
  public List<ConnectionInfo> connections() {
    return defaultProfile.connections();
  }

  public Optional<ConnectionInfo> connection(String id) {
    return defaultProfile.connection(id);
  }

  /**
   * The connection's receive queues, then its send queues, each by relay ({@code host:port})
   * and state; empty for an unknown connection (docs/agent.md section 2.1).
   */
  public List<QueueInfo> queues(String id) {
    return defaultProfile.queues(id);
  }

  public CompletableFuture<ConnectionInfo> setAlias(String id, String alias) {
    return defaultProfile.setAlias(id, alias);
  }

  /** Rotates one of the connection's receive queues (see {@link AgentProfile#rotate}). */
  public CompletableFuture<RotationInfo> rotate(String id, String relayOrNull) {
    return defaultProfile.rotate(id, relayOrNull);
  }

  /** Deletes a connection here and its queue on the relay; the peer's next send fails. */
  public CompletableFuture<Void> deleteConnection(String id) {
    return defaultProfile.deleteConnection(id);
  }

  /**
   * Encrypts and queues a text; the future completes once it is stored (status queued).
   *
   * @param idempotencyKeyOrNull a retried call with the same key answers with the first message
   */
  public CompletableFuture<QueuedMessage> sendText(String connectionId, String text,
      String idempotencyKeyOrNull) {
    return defaultProfile.sendText(connectionId, text, idempotencyKeyOrNull);
  }

  /** A one-time re-key link for a connection of the default profile; see {@link AgentProfile}. */
  public CompletableFuture<String> createRekeyLink(String connectionId) {
    return defaultProfile.createRekeyLink(connectionId);
  }

  /** The connection's unanswered re-key link, if any; see {@link AgentProfile}. */
  public Optional<String> pendingRekeyLink(String connectionId) {
    return defaultProfile.pendingRekeyLink(connectionId);
  }

  /** Opens a peer's re-key link in the default profile; see {@link AgentProfile}. */
  public CompletableFuture<String> openRekeyLink(String link, String connectionIdOrNull) {
    return defaultProfile.openRekeyLink(link, connectionIdOrNull);
  }

  /** Asks the peer for a ratchet resync; see {@link AgentProfile#resyncRatchet}. */
  public CompletableFuture<Void> resyncRatchet(String connectionId) {
    return defaultProfile.resyncRatchet(connectionId);
  }

  /** An outgoing text message's status and timeline. */
  public Optional<MessageInfo> message(String messageId) {
    return defaultProfile.message(messageId);
  }

  /** Creates the default profile's contact address (there is at most one per profile). */
  public CompletableFuture<ContactAddress> createAddress(boolean autoAccept, String welcomeOrNull) {
    return defaultProfile.createAddress(autoAccept, welcomeOrNull);
  }

  /**
   * Changes the contact address's settings; its link stays. The next request is accepted
   * automatically or kept for review by the new {@code autoAccept}, and connections accepted
   * from then on get the new welcome text (null: none). Requests already pending stay pending.
   * Fails with {@code NO_ADDRESS} if there is no address, {@code TEXT_TOO_LONG} if the welcome
   * is longer than {@link io.parley.protocol.agent.AgentLimits#MAX_TEXT_BYTES}.
   */
  public CompletableFuture<ContactAddress> updateAddress(boolean autoAccept,
      String welcomeOrNull) {
    return defaultProfile.updateAddress(autoAccept, welcomeOrNull);
  }

  public Optional<ContactAddress> address() {
    return defaultProfile.address();
  }

  /** Deletes the contact address; connections made through it stay. */
  public CompletableFuture<Void> deleteAddress() {
    return defaultProfile.deleteAddress();
  }

  /** Requests received on the contact address and waiting for a decision, oldest first. */
  public List<ContactRequestInfo> requests() {
    return defaultProfile.requests();
  }

  /** Accepts a request; completes with the new connection's id. */
  public CompletableFuture<String> acceptRequest(String requestId) {
    return defaultProfile.acceptRequest(requestId);
  }

  public CompletableFuture<Void> rejectRequest(String requestId) {
    return defaultProfile.rejectRequest(requestId);
  }

  /**
   * One profile's view: its connections, messages, address and requests. Empty if there is
   * no such profile (or it is being deleted).
   */
  public Optional<AgentProfile> profile(String profileId) {
    if (profileId == null || parts.ctx.profiles().active(profileId).isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(profileId.equals(ProfileInfo.DEFAULT_ID) ? defaultProfile
        : new AgentProfile(this, parts, profileId));
  }

  /** The default profile's view, which the methods of this class act on. */
  public AgentProfile defaultProfile() {
    return defaultProfile;
  }

  /** Every profile not being deleted, the default one first, then oldest first. */
  public List<ProfileInfo> profiles() {
    return parts.ctx.profiles().all().stream()
        .filter(r -> !r.deleting())
        .sorted(Comparator.comparing((ProfileRow r) -> !r.isDefault())
            .thenComparing(ProfileRow::createdAt).thenComparing(ProfileRow::id))
        .map(this::profileInfo)
        .toList();
  }

  /** A profile not being deleted. */
  public Optional<ProfileInfo> profileInfo(String profileId) {
    return parts.ctx.profiles().active(profileId).map(this::profileInfo);
  }

  /**
   * Creates a profile. The work {@code sameUnit} gives for the new profile's id (it may give,
   * or be, null) runs in the same write unit as the profile's row, so a host program's rows
   * about the profile (its API tokens) exist exactly when the profile does, whatever happens
   * to the process.
   *
   * @param description a short description sent with the name, or null
   */
  public CompletableFuture<ProfileInfo> createProfile(String displayName, String description,
      Function<String, SharedStore.SqlWork<?>> sameUnit) {
    return open().thenCompose(v -> parts.profiles.create(displayName, description,
        (id, c) -> runHost(sameUnit == null ? null : sameUnit.apply(id), c)))
        .thenApply(this::profileInfo);
  }

  /** Sets a profile's display name and description, sent in handshakes from now on. */
  public CompletableFuture<ProfileInfo> updateProfile(String profileId, String displayName,
      String description) {
    return open().thenCompose(v -> parts.profiles.update(profileId, displayName, description))
        .thenApply(this::profileInfo);
  }

  /**
   * Sets a profile's display name, description and (unless {@code commands} is null) the
   * commands it publishes to peers (a bot's; empty for none), in handshakes from now on, all
   * or nothing. Connections made earlier keep what was sent when they were made.
   */
  public CompletableFuture<ProfileInfo> updateProfile(String profileId, String displayName,
      String description, List<ProfileCommand> commands) {
    return open().thenCompose(v -> parts.profiles.update(profileId, displayName, description,
        commands == null ? null : List.copyOf(commands)))
        .thenApply(this::profileInfo);
  }

  /**
   * Deletes a profile (not the default one) with its connections (their queues on the relays
   * first, as {@link #deleteConnection} does), its contact address and its requests. It is
   * gone for every lookup once the first unit commits, with {@code sameUnit} (may be null)
   * in it; a deletion cut short by a relay down or a crash is finished by the agent. Completes
   * once the first attempt to delete each queue on its relay has finished.
   */
  public CompletableFuture<Void> deleteProfile(String profileId,
      SharedStore.SqlWork<?> sameUnit) {
    return open().thenCompose(v -> parts.profiles.delete(profileId,
        (id, c) -> runHost(sameUnit, c)));
  }

  private static void runHost(SharedStore.SqlWork<?> work, java.sql.Connection c)
      throws Exception {
    if (work != null) {
      work.run(c);
    }
  }

  private ProfileInfo profileInfo(ProfileRow r) {
    return new ProfileInfo(r.id(), parts.ctx.profiles().displayName(r), r.description(),
        r.isDefault(), Instant.ofEpochMilli(r.createdAt()),
        ProfileText.decodeCommands(r.commands()));
  }

  /**
   * Durable events after {@code seq}, oldest first, at most {@code limit} (capped at
   * {@link EventStore#MAX_PAGE_SIZE}).
   */
  public List<AgentEvent> eventsAfter(long seq, int limit) {
    int n = Math.max(1, Math.min(limit, EventStore.MAX_PAGE_SIZE));
    try {
      return parts.db.read(tx -> tx.events().after(seq, n)).stream()
          .map(EventLog::toEvent).toList();
    } catch (StoreException e) {
      throw unchecked(e);
    }
  }

  /**
   * Registers a host program's own tables in the agent's database file and brings them to the
   * extension's latest version (one write unit: a failure leaves them as they were). The
   * returned store runs the host's reads on the agent's read connections and its writes as
   * units of the agent's group commit: one writer for the file, no competition for its lock.
   * Valid until the agent closes. Call it once per extension, after {@link #start}.
   *
   * @throws AgentException STORE_UNAVAILABLE if a migration failed or the file holds a newer
   *     version of the extension than {@code extension} knows
   */
  public SharedStore extendStore(SchemaExtension extension) throws AgentException {
    if (closed) {
      throw new AgentException(AgentException.Reason.CLOSED, "the agent is closed");
    }
    try {
      return SharedStores.extend(parts.db, extension);
    } catch (io.parley.agent.store.StoreException e) {
      throw new AgentException(AgentException.Reason.STORE_UNAVAILABLE,
          "cannot set up the tables of " + extension.name() + ": " + e.getMessage(), e);
    }
  }

  /** The default profile's connections' text messages, both directions, paged by time. */
  public MessageHistory history() {
    return defaultProfile.history();
  }

  /**
   * The registry the agent records its metrics in ({@link AgentConfig#meterRegistry()};
   * docs/metrics.md lists them).
   */
  public MeterRegistry meterRegistry() {
    return parts.config.meterRegistry();
  }

  /** Counts for monitoring: connections, queued messages, pending requests, events. */
  public StoreStats stats() {
    return new StatsReadModel(parts.db);
  }

  /** The part of the durable event log that retention has kept. */
  public EventLogSpan eventLogSpan() {
    try {
      return parts.db.read(tx -> {
        long latest = tx.events().latestSeq();
        return new EventLogSpan(tx.events().oldestSeq().orElse(latest + 1), latest);
      });
    } catch (StoreException e) {
      throw unchecked(e);
    }
  }

  /**
   * Retention: deletes the events older than {@code cutoff} from the head of the log;
   * completes with how many went.
   *
   * @param cutoffEpochMillis UNIT: epoch milliseconds
   */
  public CompletableFuture<Integer> deleteEventsOlderThan(long cutoffEpochMillis) {
    return open().thenCompose(v -> parts.db.write(
        tx -> tx.events().deleteOlderThan(cutoffEpochMillis)))
        .exceptionally(e -> {
          throw Failures.wrap(e);
        });
  }

  /**
   * A connection of the default profile as stored, deleted ones included (status
   * {@code DELETED}, kept on record after {@link #deleteConnection}); {@link #connection}
   * answers only live ones.
   */
  public Optional<ConnectionInfo> connectionOnRecord(String id) {
    return defaultProfile.connectionOnRecord(id);
  }

  /** The link of connection {@code id}'s invitation while it waits for someone to join it. */
  public Optional<String> pendingInvitation(String id) {
    return defaultProfile.pendingInvitation(id);
  }

  /**
   * Whether the store works and which relays are up, for health and readiness checks. Reads
   * the store once (a read that fails is reported as the problem), so it is cheap but not free.
   */
  public AgentHealth health() {
    String problem = parts.db.writeFailure().orElse(null);
    if (problem == null) {
      try {
        parts.db.read(tx -> tx.events().latestSeq());
      } catch (StoreException e) {
        problem = "database cannot be read";
      }
    }
    return new AgentHealth(problem, relays());
  }

  /**
   * Whether each relay the agent has connected to (or tried) was up at its last change, by
   * address: the state the latest {@code relay.up} / {@code relay.down} events report, for
   * listeners that register after those events were sent.
   */
  public Map<String, Boolean> relays() {
    return parts.router.relayStates();
  }

  /**
   * How far the relay clients are with keeping this agent's receive queues subscribed: after a
   * start, {@code subscribed} climbs to {@code queues} as the relays answer the batched SUBs.
   * Walks every remembered queue, so it costs about a microsecond per queue.
   */
  public SubscriptionStats subscriptionStats() {
    int queues = 0;
    int subscribed = 0;
    long sent = 0;
    long resent = 0;
    long late = 0;
    for (RelayClient c : parts.pool.clients()) {
      queues += c.subscriptionCount();
      subscribed += c.subscribedCount();
      sent += c.sentSubscriptionCount();
      resent += c.resentSubscriptionCount();
      late += c.lateSubscriptionCount();
    }
    return new SubscriptionStats(queues, subscribed, sent, resent, late);
  }

  /**
   * The relays this agent makes its queues on (configured, plus those added and minus those
   * retired through {@link #addRelay} and {@link #retireRelay}), each with its state and the
   * number of this agent's receive queues on it; then the retired relays that still hold some
   * (being moved off), marked retiring, until they hold none.
   */
  public List<RelayInfo> relayList() {
    return parts.relays.list(parts.contacts.queues());
  }

  /**
   * Makes new queues on the relay at {@code address} too, from now on and after restarts; an
   * address already in use is answered with its state. Fails with {@code INVALID_ARGUMENT} for
   * an address that does not parse.
   */
  public CompletableFuture<RelayInfo> addRelay(String address) {
    return parts.relays.add(address);
  }

  /**
   * Stops using the relay with this id (from {@link #relayList}): no new queue is made on it,
   * and every connection's receive queue on it moves to another relay by queue rotation
   * (docs/agent.md 2.2), continued by the sweep and after a restart. Completes with the number
   * of receive queues still to move (0: it held none); a relay retiring already answers the
   * same way. Fails with {@code UNKNOWN_RELAY}, {@code ADDRESS_ON_RELAY} when the contact
   * address's queue is on it (its shared link would break: the owner makes a new address
   * first), or {@code RELAY_IN_USE} when it is the last relay.
   */
  public CompletableFuture<Integer> retireRelay(String id) {
    return parts.relays.retire(id, parts.contacts.queues());
  }

  /**
   * Calls {@code listener} with every event committed from now on, in sequence order, on one
   * dispatcher thread. A listener must be quick; one that throws is logged and kept. Events
   * committed before the call (even during {@link #start}) are not replayed: register first,
   * then read {@link #eventsAfter} to catch up, and drop repeats by sequence number.
   */
  public void addEventListener(Consumer<AgentEvent> listener) {
    parts.dispatcher.addListener(listener);
  }

  /**
   * Detaches a listener added with {@link #addEventListener} (the same object: a method
   * reference written twice is two objects). It receives no event after the one being
   * delivered as this returns; called from the listener itself, none after the current one.
   * Registered twice, it stays registered once.
   *
   * @return whether it was registered
   */
  public boolean removeEventListener(Consumer<AgentEvent> listener) {
    return parts.dispatcher.removeListener(listener);
  }

  /**
   * Stops taking work, stops the delivery workers and timers, closes the relay connections,
   * lets queued writes commit and the last events reach listeners, then closes the store.
   * Idempotent. Messages not yet accepted by a relay stay queued for the next start.
   */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    parts.close();
  }

  CompletableFuture<Void> open() {
    return closed
        ? CompletableFuture.failedFuture(
            new AgentException(AgentException.Reason.CLOSED, "the agent is closed"))
        : CompletableFuture.completedFuture(null);
  }

  static AgentException unknownProfile() {
    return new AgentException(AgentException.Reason.UNKNOWN_PROFILE, "no such profile");
  }

  static AgentException unknownConnection() {
    return new AgentException(AgentException.Reason.UNKNOWN_CONNECTION, "no such connection");
  }

  static UncheckedAgentException unchecked(StoreException e) {
    return new UncheckedAgentException(new AgentException(
        AgentException.Reason.STORE_UNAVAILABLE, "store failed: " + e.getMessage(), e));
  }
}

package io.parley.agent;

import io.parley.agent.error.AgentException;
import io.parley.agent.error.UncheckedAgentException;
import io.parley.agent.event.AgentEvent;
import io.parley.agent.internal.events.EventLog;
import io.parley.agent.internal.runtime.Failures;
import io.parley.agent.internal.runtime.RowEdit;
import io.parley.agent.internal.state.ConnectionState;
import io.parley.agent.internal.store.ConnectionRow;
import io.parley.agent.internal.store.ConnectionStatus;
import io.parley.agent.internal.store.EventStore;
import io.parley.agent.internal.store.HistoryReadModel;
import io.parley.agent.internal.store.OutMessageKind;
import io.parley.agent.internal.store.OutMessageRow;
import io.parley.agent.internal.store.SharedStores;
import io.parley.agent.internal.store.StatsReadModel;
import io.parley.agent.internal.store.StatusChange;
import io.parley.agent.internal.store.StoreException;
import io.parley.agent.model.AgentHealth;
import io.parley.agent.model.ConnectionInfo;
import io.parley.agent.model.ContactAddress;
import io.parley.agent.model.ContactRequestInfo;
import io.parley.agent.model.MessageInfo;
import io.parley.agent.model.MessageStatus;
import io.parley.agent.model.NewInvitation;
import io.parley.agent.model.QueueInfo;
import io.parley.agent.model.RelayInfo;
import io.parley.agent.model.QueuedMessage;
import io.parley.agent.readmodel.EventLogSpan;
import io.parley.agent.readmodel.MessageHistory;
import io.parley.agent.readmodel.StoreStats;
import io.parley.agent.store.SchemaExtension;
import io.parley.agent.store.SharedStore;
import io.parley.protocol.agent.AgentFormatException;
import io.parley.protocol.agent.ConnectionLink;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

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
  private volatile boolean closed;

  private Agent(AgentParts parts) {
    this.parts = parts;
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

  /** Creates a one-time invitation; the connection is pending until someone joins it. */
  public CompletableFuture<NewInvitation> createInvitation(String alias) {
    return guard(alias).thenCompose(v -> parts.invitations.create(alias));
  }

  /**
   * Joins an invitation, or asks a contact address to connect; completes with the new
   * connection's id (see {@link io.parley.agent.internal.handshake.Joins#join}).
   */
  public CompletableFuture<String> join(String link, String alias) {
    ConnectionLink parsed;
    try {
      parsed = ConnectionLink.parse(link == null ? "" : link);
    } catch (AgentFormatException e) {
      return CompletableFuture.failedFuture(
          new AgentException(AgentException.Reason.BAD_LINK, e.getMessage()));
    }
    return guard(alias).thenCompose(v -> parsed.kind() == ConnectionLink.Kind.CONTACT
        ? parts.invitations.request(parsed, alias)
        : parts.joins.join(parsed, alias, false));
  }

  /** Every connection that is not deleted, oldest first. */
  public List<ConnectionInfo> connections() {
    return parts.ctx.connections().all().stream()
        .map(Agent::info)
        .flatMap(Optional::stream)
        .sorted(Comparator.comparing(ConnectionInfo::createdAt).thenComparing(ConnectionInfo::id))
        .toList();
  }

  public Optional<ConnectionInfo> connection(String id) {
    return parts.ctx.connections().get(id).flatMap(Agent::info);
  }

  /**
   * The connection's receive queues, then its send queues, each by relay ({@code host:port})
   * and state; empty for an unknown connection (docs/agent.md section 2.1).
   */
  public List<QueueInfo> queues(String id) {
    return parts.ctx.connections().get(id).map(QueueViews::of).orElse(List.of());
  }

  public CompletableFuture<ConnectionInfo> setAlias(String id, String alias) {
    ConnectionState s = parts.ctx.connections().get(id).orElse(null);
    if (s == null) {
      return CompletableFuture.failedFuture(unknownConnection());
    }
    return guard(alias).thenCompose(v -> {
      synchronized (s) {
        if (s.gone()) {
          return CompletableFuture.failedFuture(unknownConnection());
        }
        s.setRow(RowEdit.of(s).alias(alias).build(parts.ctx.now()));
        ConnectionInfo info = info(s).orElseThrow();
        return parts.db.write(tx -> {
          tx.connections().setAlias(id, alias);
          return info;
        });
      }
    }).exceptionally(e -> {
      throw Failures.wrap(e);
    });
  }

  /** Deletes a connection here and its queue on the relay; the peer's next send fails. */
  public CompletableFuture<Void> deleteConnection(String id) {
    return open().thenCompose(v -> parts.deletions.delete(id));
  }

  /**
   * Encrypts and queues a text; the future completes once it is stored (status queued).
   *
   * @param idempotencyKeyOrNull a retried call with the same key answers with the first message
   */
  public CompletableFuture<QueuedMessage> sendText(String connectionId, String text,
      String idempotencyKeyOrNull) {
    ConnectionState s = parts.ctx.connections().get(connectionId).orElse(null);
    if (s == null) {
      return CompletableFuture.failedFuture(unknownConnection());
    }
    return open().thenCompose(v -> {
      try {
        return parts.ctx.outbox().sendText(s, text == null ? "" : text, idempotencyKeyOrNull);
      } catch (AgentException e) {
        return CompletableFuture.failedFuture(e);
      }
    }).exceptionally(e -> {
      throw Failures.wrap(e);
    });
  }

  /** An outgoing text message's status and timeline. */
  public Optional<MessageInfo> message(String messageId) {
    try {
      return parts.db.read(tx -> {
        Optional<OutMessageRow> row = tx.outbox().find(messageId);
        if (row.isEmpty() || row.get().kind() != OutMessageKind.TEXT) {
          return Optional.<MessageInfo>empty();
        }
        OutMessageRow r = row.get();
        List<MessageInfo.StatusChange> timeline = tx.outbox().timeline(messageId).stream()
            .map(Agent::change).toList();
        return Optional.of(new MessageInfo(r.id(), r.connectionId(), r.text(), status(r),
            r.failureReason(), r.attempts(), Instant.ofEpochMilli(r.createdAt()), timeline));
      });
    } catch (StoreException e) {
      throw unchecked(e);
    }
  }

  /** Creates this agent's contact address (there is at most one). */
  public CompletableFuture<ContactAddress> createAddress(boolean autoAccept, String welcomeOrNull) {
    return open().thenCompose(v -> parts.contacts.create(autoAccept, welcomeOrNull));
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
    return open().thenCompose(v -> parts.contacts.update(autoAccept, welcomeOrNull));
  }

  public Optional<ContactAddress> address() {
    return parts.contacts.address();
  }

  /** Deletes the contact address; connections made through it stay. */
  public CompletableFuture<Void> deleteAddress() {
    return open().thenCompose(v -> parts.contacts.delete());
  }

  /** Requests received on the contact address and waiting for a decision, oldest first. */
  public List<ContactRequestInfo> requests() {
    try {
      return parts.contacts.requests();
    } catch (StoreException e) {
      throw unchecked(e);
    }
  }

  /** Accepts a request; completes with the new connection's id. */
  public CompletableFuture<String> acceptRequest(String requestId) {
    return open().thenCompose(v -> parts.contacts.accept(requestId));
  }

  public CompletableFuture<Void> rejectRequest(String requestId) {
    return open().thenCompose(v -> parts.contacts.reject(requestId));
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

  /** Every connection's text messages, both directions, paged by time. */
  public MessageHistory history() {
    return new HistoryReadModel(parts.db);
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
   * A connection as stored, deleted ones included (status {@code DELETED}, kept on record
   * after {@link #deleteConnection}); {@link #connection} answers only live ones.
   */
  public Optional<ConnectionInfo> connectionOnRecord(String id) {
    Optional<ConnectionInfo> live = connection(id);
    if (live.isPresent()) {
      return live;
    }
    try {
      return parts.db.read(tx -> tx.connections().find(id))
          .filter(r -> r.status() == ConnectionStatus.DELETED)
          .map(Agent::info);
    } catch (StoreException e) {
      throw unchecked(e);
    }
  }

  /** The link of connection {@code id}'s invitation while it waits for someone to join it. */
  public Optional<String> pendingInvitation(String id) {
    try {
      return parts.db.read(tx -> tx.connections().find(id))
          .filter(r -> r.status() == ConnectionStatus.PENDING)
          .map(ConnectionRow::invitation);
    } catch (StoreException e) {
      throw unchecked(e);
    }
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
   * The relays this agent makes its queues on (configured, plus those added and minus those
   * retired through {@link #addRelay} and {@link #retireRelay}), each with its state and the
   * number of this agent's receive queues on it.
   */
  public List<RelayInfo> relayList() {
    return parts.relays.list(parts.contacts.queue());
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
   * Stops using the relay with this id (from {@link #relayList}) and forgets it. Fails with
   * {@code UNKNOWN_RELAY}, or {@code RELAY_IN_USE} while receive queues of this agent are on it
   * (moving them needs queue rotation, not implemented yet) or when it is the last relay.
   */
  public CompletableFuture<Void> retireRelay(String id) {
    return parts.relays.retire(id, parts.contacts.queue());
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

  private CompletableFuture<Void> open() {
    return closed
        ? CompletableFuture.failedFuture(
            new AgentException(AgentException.Reason.CLOSED, "the agent is closed"))
        : CompletableFuture.completedFuture(null);
  }

  private CompletableFuture<Void> guard(String alias) {
    if (alias != null && alias.length() > MAX_ALIAS_CHARS) {
      return CompletableFuture.failedFuture(new AgentException(
          AgentException.Reason.INVALID_ARGUMENT, "alias longer than " + MAX_ALIAS_CHARS));
    }
    return open();
  }

  private static Optional<ConnectionInfo> info(ConnectionState s) {
    synchronized (s) {
      ConnectionRow r = s.row();
      if (s.gone() || r.status() == ConnectionStatus.DELETED) {
        return Optional.empty();
      }
      return Optional.of(info(r));
    }
  }

  private static ConnectionInfo info(ConnectionRow r) {
    return new ConnectionInfo(r.id(), r.alias(), ConnectionInfo.Status.valueOf(r.status().name()),
        ConnectionInfo.Role.valueOf(r.role().name()), r.securityCode(), r.viaContactAddress(),
        Instant.ofEpochMilli(r.createdAt()), Instant.ofEpochMilli(r.updatedAt()));
  }

  private static MessageStatus status(OutMessageRow r) {
    return MessageStatus.valueOf(r.status().name().toUpperCase(Locale.ROOT));
  }

  private static MessageInfo.StatusChange change(StatusChange c) {
    return new MessageInfo.StatusChange(MessageStatus.valueOf(c.status().name()), c.reason(),
        Instant.ofEpochMilli(c.at()));
  }

  private static AgentException unknownConnection() {
    return new AgentException(AgentException.Reason.UNKNOWN_CONNECTION, "no such connection");
  }

  private static UncheckedAgentException unchecked(StoreException e) {
    return new UncheckedAgentException(new AgentException(
        AgentException.Reason.STORE_UNAVAILABLE, "store failed: " + e.getMessage(), e));
  }
}

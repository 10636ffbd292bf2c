package io.parley.agent;

import io.parley.agent.error.AgentException;
import io.parley.agent.internal.rekey.Rekeys;
import io.parley.agent.internal.runtime.Failures;
import io.parley.agent.internal.runtime.ProfileText;
import io.parley.agent.internal.runtime.RowEdit;
import io.parley.agent.internal.state.ConnectionState;
import io.parley.agent.internal.store.ConnectionRow;
import io.parley.agent.internal.store.ConnectionStatus;
import io.parley.agent.internal.store.HistoryReadModel;
import io.parley.agent.internal.store.OutMessageKind;
import io.parley.agent.internal.store.OutMessageRow;
import io.parley.agent.internal.store.StatusChange;
import io.parley.agent.internal.store.StoreException;
import io.parley.agent.model.ConnectionInfo;
import io.parley.agent.model.ContactAddress;
import io.parley.agent.model.ContactRequestInfo;
import io.parley.agent.model.MessageInfo;
import io.parley.agent.model.MessageStatus;
import io.parley.agent.model.NewInvitation;
import io.parley.agent.model.QueueInfo;
import io.parley.agent.model.RotationInfo;
import io.parley.agent.model.QueuedMessage;
import io.parley.agent.readmodel.HistoryEntry;
import io.parley.agent.readmodel.MessageHistory;
import io.parley.protocol.agent.AgentFormatException;
import io.parley.protocol.agent.ConnectionLink;
import io.parley.protocol.ratchet.Ratchet;
import io.parley.protocol.agent.RekeyLink;
import java.time.Instant;
import java.util.Comparator;
import io.parley.protocol.transport.RelayAddress;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One profile of a running agent: everything {@link Agent} does for connections, messages,
 * the contact address and its requests, limited to what belongs to this profile. Another
 * profile's connection, message or request is as unknown here as one that never existed.
 * Obtained from {@link Agent#profile}; a profile deleted meanwhile fails every call with
 * {@code UNKNOWN_PROFILE} (lookups answer empty). Thread-safe.
 */
public final class AgentProfile {
  private final Agent agent;
  private final AgentParts parts;
  private final String id;

  AgentProfile(Agent agent, AgentParts parts, String id) {
    this.agent = agent;
    this.parts = parts;
    this.id = id;
  }

  /** The profile's id. */
  public String id() {
    return id;
  }

  /** Creates a one-time invitation; the connection is pending until someone joins it. */
  public CompletableFuture<NewInvitation> createInvitation(String alias) {
    return guard(alias).thenCompose(v -> parts.invitations.create(id, alias));
  }

  /**
   * Joins an invitation, or asks a contact address to connect; completes with the new
   * connection's id.
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
        ? parts.invitations.request(id, parsed, alias)
        : parts.joins.join(id, parsed, alias, false));
  }

  /** Every connection of the profile that is not deleted, oldest first. */
  public List<ConnectionInfo> connections() {
    if (!live()) {
      return List.of();
    }
    return parts.ctx.connections().all().stream()
        .map(this::info)
        .flatMap(Optional::stream)
        .sorted(Comparator.comparing(ConnectionInfo::createdAt).thenComparing(ConnectionInfo::id))
        .toList();
  }

  public Optional<ConnectionInfo> connection(String connectionId) {
    return state(connectionId).flatMap(this::info);
  }

  /**
   * The connection's receive queues, then its send queues, each by relay ({@code host:port})
   * and state; empty for a connection that is not the profile's (docs/agent.md section 2.1).
   */
  public List<QueueInfo> queues(String connectionId) {
    return state(connectionId).map(QueueViews::of).orElse(List.of());
  }

  public CompletableFuture<ConnectionInfo> setAlias(String connectionId, String alias) {
    ConnectionState s = state(connectionId).orElse(null);
    if (s == null) {
      return CompletableFuture.failedFuture(Agent.unknownConnection());
    }
    return guard(alias).thenCompose(v -> {
      synchronized (s) {
        if (s.gone()) {
          return CompletableFuture.failedFuture(Agent.unknownConnection());
        }
        s.setRow(RowEdit.of(s).alias(alias).build(parts.ctx.now()));
        ConnectionInfo info = info(s).orElseThrow();
        return parts.db.write(tx -> {
          tx.connections().setAlias(connectionId, alias);
          return info;
        });
      }
    }).exceptionally(e -> {
      throw Failures.wrap(e);
    });
  }

  /**
   * Starts a rotation of one of the connection's receive queues (docs/agent.md 2.2): a new
   * queue on {@code relayOrNull} (a relay id, {@code host:port} or address; null: another relay
   * than the connection's if there is one) replaces its oldest one. Completes once the new queue
   * is made and offered to the peer; {@code connection.rotated} follows when the old one is
   * deleted.
   *
   * @throws AgentException (in the future) UNKNOWN_CONNECTION, NOT_ESTABLISHED,
   *     ROTATION_IN_PROGRESS, UNKNOWN_RELAY, RELAY_UNAVAILABLE, STORE_UNAVAILABLE
   */
  public CompletableFuture<RotationInfo> rotate(String connectionId, String relayOrNull) {
    ConnectionState s = state(connectionId).orElse(null);
    if (s == null) {
      return CompletableFuture.failedFuture(Agent.unknownConnection());
    }
    RelayAddress relay = null;
    if (relayOrNull != null) {
      relay = parts.relays.find(relayOrNull).orElse(null);
      if (relay == null) {
        return CompletableFuture.failedFuture(new AgentException(
            AgentException.Reason.UNKNOWN_RELAY, "no such relay"));
      }
    }
    RelayAddress target = relay;
    return agent.open().thenCompose(v -> parts.rotations.rotate(s, target, true))
        .thenApply(st -> new RotationInfo(connectionId, "started", st.relay(),
            QueueViews.of(s)))
        .exceptionally(e -> {
          throw Failures.wrap(e);
        });
  }

  /** Deletes a connection here and its queue on the relay; the peer's next send fails. */
  public CompletableFuture<Void> deleteConnection(String connectionId) {
    if (state(connectionId).isEmpty()) {
      return CompletableFuture.failedFuture(Agent.unknownConnection());
    }
    return agent.open().thenCompose(v -> parts.deletions.delete(connectionId));
  }

  /**
   * Encrypts and queues a text; the future completes once it is stored (status queued).
   *
   * @param idempotencyKeyOrNull a retried call with the same key answers with the first message
   */
  public CompletableFuture<QueuedMessage> sendText(String connectionId, String text,
      String idempotencyKeyOrNull) {
    ConnectionState s = state(connectionId).orElse(null);
    if (s == null) {
      return CompletableFuture.failedFuture(Agent.unknownConnection());
    }
    return agent.open().thenCompose(v -> {
      try {
        return parts.ctx.outbox().sendText(s, text == null ? "" : text, idempotencyKeyOrNull);
      } catch (AgentException e) {
        return CompletableFuture.failedFuture(e);
      }
    }).exceptionally(e -> {
      throw Failures.wrap(e);
    });
  }

  /**
   * A one-time re-key link for an established connection (docs/agent.md, re-key): give it to
   * the peer out of band (a QR code, another channel). A secret: never log it.
   *
   * @throws AgentException (in the future) UNKNOWN_CONNECTION, NOT_ESTABLISHED
   */
  public CompletableFuture<String> createRekeyLink(String connectionId) {
    ConnectionState s = state(connectionId).orElse(null);
    if (s == null) {
      return CompletableFuture.failedFuture(Agent.unknownConnection());
    }
    return agent.open().thenCompose(v -> {
      try {
        return parts.rekeys.createLink(s);
      } catch (AgentException e) {
        return CompletableFuture.failedFuture(e);
      }
    }).exceptionally(e -> {
      throw Failures.wrap(e);
    });
  }

  /** The connection's re-key link not answered yet (to show it again), if any. Secret. */
  public Optional<String> pendingRekeyLink(String connectionId) {
    return state(connectionId).map(Rekeys::pendingLink);
  }

  /**
   * Opens the peer's re-key link: both sides move to a fresh ratchet from keys that travelled
   * out of band. The connection is the one given, or else the established connection of this
   * profile that the link names. Completes with the connection's id.
   *
   * @throws AgentException (in the future) BAD_LINK, UNKNOWN_CONNECTION (none is named),
   *     NOT_ESTABLISHED, LINK_ALREADY_USED
   */
  public CompletableFuture<String> openRekeyLink(String link, String connectionIdOrNull) {
    RekeyLink parsed;
    try {
      parsed = RekeyLink.parse(link);
    } catch (AgentFormatException e) {
      return CompletableFuture.failedFuture(
          new AgentException(AgentException.Reason.BAD_LINK, e.getMessage()));
    }
    // By the handle; failing that, the connection that opened it already (its code changed
    // since), so that a second use is told so rather than "no such connection".
    ConnectionState s = connectionIdOrNull != null ? state(connectionIdOrNull).orElse(null)
        : parts.ctx.connections().all().stream()
            .filter(c -> id.equals(c.row().profileId()) && Rekeys.names(c, parsed))
            .findFirst().orElseGet(() -> parts.ctx.connections().all().stream()
                .filter(c -> id.equals(c.row().profileId()) && Rekeys.opened(c, parsed))
                .findFirst().orElse(null));
    if (s == null) {
      return CompletableFuture.failedFuture(Agent.unknownConnection());
    }
    return agent.open().thenCompose(v -> {
      try {
        return parts.rekeys.open(s, parsed).thenApply(code -> s.id());
      } catch (AgentException e) {
        return CompletableFuture.failedFuture(e);
      }
    }).exceptionally(e -> {
      throw Failures.wrap(e);
    });
  }

  /**
   * Asks the peer for a ratchet resync (after {@code connection.ratchet_desync}): both sides
   * start a fresh ratchet from keys exchanged over the relays. Completes once the request is
   * stored; {@code connection.ratchet_resynced} follows when the peer answered.
   */
  public CompletableFuture<Void> resyncRatchet(String connectionId) {
    ConnectionState s = state(connectionId).orElse(null);
    if (s == null) {
      return CompletableFuture.failedFuture(Agent.unknownConnection());
    }
    return agent.open().thenCompose(v -> {
      try {
        return parts.syncs.start(s);
      } catch (AgentException e) {
        return CompletableFuture.<Void>failedFuture(e);
      }
    }).exceptionally(e -> {
      throw Failures.wrap(e);
    });
  }

  /** An outgoing text message of the profile: its status and timeline. */
  public Optional<MessageInfo> message(String messageId) {
    try {
      return parts.db.read(tx -> {
        Optional<OutMessageRow> row = tx.outbox().find(messageId);
        if (row.isEmpty() || row.get().kind() != OutMessageKind.TEXT
            || !owns(tx.connections().find(row.get().connectionId()))) {
          return Optional.<MessageInfo>empty();
        }
        OutMessageRow r = row.get();
        List<MessageInfo.StatusChange> timeline = tx.outbox().timeline(messageId).stream()
            .map(AgentProfile::change).toList();
        return Optional.of(new MessageInfo(r.id(), r.connectionId(), r.text(), status(r),
            r.failureReason(), r.attempts(), Instant.ofEpochMilli(r.createdAt()), timeline));
      });
    } catch (StoreException e) {
      throw Agent.unchecked(e);
    }
  }

  /** Creates the profile's contact address (there is at most one per profile). */
  public CompletableFuture<ContactAddress> createAddress(boolean autoAccept,
      String welcomeOrNull) {
    return live(agent.open()).thenCompose(v -> parts.contacts.create(id, autoAccept,
        welcomeOrNull));
  }

  /** Changes the profile's address settings; see {@link Agent#updateAddress}. */
  public CompletableFuture<ContactAddress> updateAddress(boolean autoAccept,
      String welcomeOrNull) {
    return live(agent.open()).thenCompose(v -> parts.contacts.update(id, autoAccept,
        welcomeOrNull));
  }

  public Optional<ContactAddress> address() {
    return live() ? parts.contacts.address(id) : Optional.empty();
  }

  /** Deletes the profile's contact address; connections made through it stay. */
  public CompletableFuture<Void> deleteAddress() {
    return live(agent.open()).thenCompose(v -> parts.contacts.delete(id));
  }

  /** Requests received on the profile's address waiting for a decision, oldest first. */
  public List<ContactRequestInfo> requests() {
    if (!live()) {
      return List.of();
    }
    try {
      return parts.contacts.requests(id);
    } catch (StoreException e) {
      throw Agent.unchecked(e);
    }
  }

  /** Accepts a request; completes with the new connection's id. */
  public CompletableFuture<String> acceptRequest(String requestId) {
    return live(agent.open()).thenCompose(v -> parts.contacts.accept(id, requestId));
  }

  public CompletableFuture<Void> rejectRequest(String requestId) {
    return live(agent.open()).thenCompose(v -> parts.contacts.reject(id, requestId));
  }

  /** The profile's connections' text messages, both directions, paged by time. */
  public MessageHistory history() {
    MessageHistory all = new HistoryReadModel(parts.db);
    return new MessageHistory() {
      @Override
      public Optional<HistoryEntry> incoming(String messageId)
          throws io.parley.agent.store.StoreException {
        return all.incoming(messageId).filter(e -> onRecord(e.connectionId()));
      }

      @Override
      public List<HistoryEntry> latest(String connectionId, int limit)
          throws io.parley.agent.store.StoreException {
        return onRecord(connectionId) ? all.latest(connectionId, limit) : List.of();
      }

      @Override
      public Optional<List<HistoryEntry>> before(String connectionId, String messageId,
          int limit) throws io.parley.agent.store.StoreException {
        return onRecord(connectionId) ? all.before(connectionId, messageId, limit)
            : Optional.empty();
      }

      @Override
      public Optional<List<HistoryEntry>> after(String connectionId, String messageId,
          int limit) throws io.parley.agent.store.StoreException {
        return onRecord(connectionId) ? all.after(connectionId, messageId, limit)
            : Optional.empty();
      }
    };
  }

  /**
   * A connection of the profile as stored, deleted ones included (status {@code DELETED});
   * {@link #connection} answers only live ones.
   */
  public Optional<ConnectionInfo> connectionOnRecord(String connectionId) {
    Optional<ConnectionInfo> live = connection(connectionId);
    if (live.isPresent()) {
      return live;
    }
    try {
      return parts.db.read(tx -> tx.connections().find(connectionId))
          .filter(r -> r.status() == ConnectionStatus.DELETED && owns(Optional.of(r)))
          .map(AgentProfile::info);
    } catch (StoreException e) {
      throw Agent.unchecked(e);
    }
  }

  /** The link of a pending invitation of the profile while it waits for someone to join. */
  public Optional<String> pendingInvitation(String connectionId) {
    try {
      return parts.db.read(tx -> tx.connections().find(connectionId))
          .filter(r -> r.status() == ConnectionStatus.PENDING && owns(Optional.of(r)))
          .map(ConnectionRow::invitation);
    } catch (StoreException e) {
      throw Agent.unchecked(e);
    }
  }

  private boolean onRecord(String connectionId) {
    return connectionOnRecord(connectionId).isPresent();
  }

  private boolean live() {
    return parts.ctx.profiles().active(id).isPresent();
  }

  private CompletableFuture<Void> live(CompletableFuture<Void> open) {
    return live() ? open : CompletableFuture.failedFuture(Agent.unknownProfile());
  }

  private CompletableFuture<Void> guard(String alias) {
    if (alias != null && alias.length() > Agent.MAX_ALIAS_CHARS) {
      return CompletableFuture.failedFuture(new AgentException(
          AgentException.Reason.INVALID_ARGUMENT, "alias longer than " + Agent.MAX_ALIAS_CHARS));
    }
    return live(agent.open());
  }

  private boolean owns(Optional<ConnectionRow> row) {
    return row.isPresent() && id.equals(row.get().profileId()) && live();
  }

  private Optional<ConnectionState> state(String connectionId) {
    return parts.ctx.connections().get(connectionId)
        .filter(s -> id.equals(s.row().profileId()) && live());
  }

  private Optional<ConnectionInfo> info(ConnectionState s) {
    synchronized (s) {
      ConnectionRow r = s.row();
      if (s.gone() || r.status() == ConnectionStatus.DELETED || !id.equals(r.profileId())) {
        return Optional.empty();
      }
      return Optional.of(info(r, s.ratchet() != null && s.ratchet().pq()));
    }
  }

  static ConnectionInfo info(ConnectionRow r) {
    return info(r, Ratchet.isPqState(r.ratchet()));
  }

  static ConnectionInfo info(ConnectionRow r, boolean pq) {
    ProfileText peer = r.peerProfile() == null ? null : ProfileText.decode(r.peerProfile());
    return new ConnectionInfo(r.id(), r.alias(), ConnectionInfo.Status.valueOf(r.status().name()),
        ConnectionInfo.Role.valueOf(r.role().name()), r.securityCode(), r.viaContactAddress(),
        Instant.ofEpochMilli(r.createdAt()), Instant.ofEpochMilli(r.updatedAt()),
        r.profileId(), peer == null ? null : peer.name(),
        peer == null ? null : peer.description(), peer == null ? null : peer.commands(), pq);
  }

  private static MessageStatus status(OutMessageRow r) {
    return MessageStatus.valueOf(r.status().name().toUpperCase(Locale.ROOT));
  }

  private static MessageInfo.StatusChange change(StatusChange c) {
    return new MessageInfo.StatusChange(MessageStatus.valueOf(c.status().name()), c.reason(),
        Instant.ofEpochMilli(c.at()));
  }

  @Override
  public String toString() {
    return "AgentProfile[" + id + "]";
  }
}

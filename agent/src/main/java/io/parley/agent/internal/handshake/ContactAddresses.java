package io.parley.agent.internal.handshake;

import io.parley.agent.error.AgentException;
import io.parley.agent.event.AgentEvent;
import io.parley.agent.internal.e2e.Envelope;
import io.parley.agent.internal.e2e.Opening;
import io.parley.agent.internal.e2e.Unusable;
import io.parley.agent.internal.events.EventLog;
import io.parley.agent.internal.runtime.AgentContext;
import io.parley.agent.internal.runtime.Failures;
import io.parley.agent.internal.runtime.NewQueue;
import io.parley.agent.internal.runtime.ProfileText;
import io.parley.agent.internal.runtime.RowEdit;
import io.parley.agent.internal.state.Connections;
import io.parley.agent.internal.delivery.SendFailure;
import io.parley.agent.internal.store.ContactAddressRow;
import io.parley.agent.internal.store.ContactRequestRow;
import io.parley.agent.internal.store.ContactRequestStatus;
import io.parley.agent.internal.store.RcvQueueRow;
import io.parley.agent.internal.store.RcvQueueStatus;
import io.parley.agent.internal.store.RowNotFoundException;
import io.parley.agent.internal.store.StoreException;
import io.parley.agent.model.ContactAddress;
import io.parley.agent.model.ContactRequestInfo;
import io.parley.protocol.agent.AgentFormatException;
import io.parley.protocol.agent.AgentLimits;
import io.parley.protocol.agent.ConnectionLink;
import io.parley.protocol.command.QueueMode;
import io.parley.protocol.command.Response;
import io.parley.protocol.transport.InvalidRelayAddressException;
import io.parley.protocol.transport.RelayAddress;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * The owner's side of a contact address (docs/agent.md 1.3): creating, changing and deleting
 * it, storing the requests that arrive on it, and accepting (by joining the enclosed
 * invitation) or rejecting them; one address per profile. Thread-safe: the addresses are
 * guarded by this object's monitor, and changes to one run one at a time, in the order they
 * were asked for.
 */
public final class ContactAddresses {
  private static final System.Logger LOG = System.getLogger(ContactAddresses.class.getName());

  private final AgentContext ctx;
  private final Joins joins;
  private final WelcomeText welcomeText;
  /** Each profile's address, guarded by this object's monitor. */
  private final Map<String, Slot> slots = new HashMap<>();

  /** One profile's address and what its changes and requests need. */
  private static final class Slot {
    ContactAddressRow address;
    RcvQueueRow queue;
    /** The last create, update or delete asked for; the next one starts when it ends. */
    CompletableFuture<?> lastChange = CompletableFuture.completedFuture(null);
    /** Relay id of the last request stored, so its redelivery is only acknowledged again. */
    byte[] lastRequestMsgId;
  }

  /**
   * @param joins accepts requests by joining their invitations
   * @param welcomeText kept up to date here for {@code joins}
   */
  public ContactAddresses(AgentContext ctx, Joins joins, WelcomeText welcomeText) {
    this.ctx = ctx;
    this.joins = joins;
    this.welcomeText = welcomeText;
  }

  /** Loads the stored addresses. */
  public synchronized void start() throws StoreException {
    for (ContactAddressRow a : ctx.store().read(tx -> tx.contacts().addresses())) {
      Optional<RcvQueueRow> q = ctx.store().read(tx -> tx.queues().findRcv(a.rcvQueueId()));
      if (q.isPresent()) {
        Slot slot = slot(a.profileId());
        setAddress(a.profileId(), slot, a);
        slot.queue = q.get();
        slot.lastRequestMsgId = slot.queue.lastRelayMsgId();
        ctx.connections().indexQueue(slot.queue, new Connections.AddressQueue(slot.queue));
      }
    }
  }

  /** Caller holds this object's monitor. */
  private Slot slot(String profileId) {
    return slots.computeIfAbsent(profileId, p -> new Slot());
  }

  public synchronized Optional<ContactAddress> address(String profileId) {
    Slot slot = slots.get(profileId);
    return Optional.ofNullable(slot == null ? null : slot.address)
        .map(ContactAddresses::toApi);
  }

  /** Whether the profile has an address (for its deletion). */
  public synchronized boolean has(String profileId) {
    Slot slot = slots.get(profileId);
    return slot != null && slot.address != null;
  }

  /** Creates the profile's address: a contact-mode queue on one of this agent's relays. */
  public CompletableFuture<ContactAddress> create(String profileId, boolean autoAccept,
      String welcome) {
    return checked(welcome).thenCompose(v -> serially(profileId, () -> {
      synchronized (this) {
        if (slot(profileId).address != null) {
          return CompletableFuture.failedFuture(new AgentException(
              AgentException.Reason.ADDRESS_EXISTS, "a contact address already exists"));
        }
      }
      return NewQueue.create(ctx, ctx.nextRelay(), QueueMode.CONTACT)
          .thenCompose(q -> store(profileId, q, autoAccept, welcome));
    })).exceptionally(e -> {
      throw Failures.wrap(e);
    });
  }

  private CompletableFuture<ContactAddress> store(String profileId, NewQueue q,
      boolean autoAccept, String welcome) {
    long now = ctx.now();
    RcvQueueRow row = q.row(null, RcvQueueStatus.ACTIVE, now);
    String link = new ConnectionLink(ConnectionLink.Kind.CONTACT, List.of(q.uri()), null,
        null).encode();
    return ctx.store().write(tx -> {
      long id = tx.queues().insertRcv(row);
      ContactAddressRow a = new ContactAddressRow(profileId, id, link, autoAccept, welcome,
          now, now);
      tx.contacts().createAddress(a);
      return a;
    }).thenApply(a -> {
      RcvQueueRow stored = RowEdit.withId(row, a.rcvQueueId());
      synchronized (this) {
        Slot slot = slot(profileId);
        setAddress(profileId, slot, a);
        slot.queue = stored;
      }
      ctx.connections().indexQueue(stored, new Connections.AddressQueue(stored));
      return toApi(a);
    });
  }

  /**
   * Changes how requests on the profile's address are handled; the link stays. The next
   * request that arrives is accepted automatically or stored for review by the new
   * {@code autoAccept}, and connections accepted from then on get the new {@code welcome}
   * (null: none). Requests already pending stay pending. The same settings again change
   * nothing.
   *
   * @return the address with its new settings; fails with {@code NO_ADDRESS} if there is none
   *     and {@code TEXT_TOO_LONG} if the welcome text is too long
   */
  public CompletableFuture<ContactAddress> update(String profileId, boolean autoAccept,
      String welcome) {
    return checked(welcome).thenCompose(v -> serially(profileId, () -> {
      synchronized (this) {
        ContactAddressRow address = slot(profileId).address;
        if (address == null) {
          return CompletableFuture.failedFuture(noAddress());
        }
        if (address.autoAccept() == autoAccept && Objects.equals(address.welcome(), welcome)) {
          return CompletableFuture.completedFuture(toApi(address));
        }
      }
      return ctx.store().write(tx -> {
        tx.contacts().updateAddressSettings(profileId, autoAccept, welcome);
        return tx.contacts().address(profileId)
            .orElseThrow(() -> new RowNotFoundException("contact_address"));
      }).thenApply(a -> {
        synchronized (this) {
          setAddress(profileId, slot(profileId), a);
        }
        return toApi(a);
      });
    })).exceptionally(e -> {
      if (SendFailure.unwrap(e) instanceof RowNotFoundException) {
        throw new CompletionException(noAddress());
      }
      throw Failures.wrap(e);
    });
  }

  /**
   * Deletes the profile's address on its relay, then locally. Connections made through it
   * stay. Fails (and keeps the address) if the relay cannot be reached.
   */
  public CompletableFuture<Void> delete(String profileId) {
    return serially(profileId, () -> {
      RcvQueueRow q;
      synchronized (this) {
        Slot slot = slot(profileId);
        if (slot.address == null) {
          return CompletableFuture.<Void>failedFuture(noAddress());
        }
        q = slot.queue;
      }
      CompletableFuture<Void> f;
      try {
        f = ctx.pool().client(RelayAddress.parse(q.relay())).delete(q.recipientId(),
            q.rcvAuthKey());
      } catch (InvalidRelayAddressException | RuntimeException e) {
        f = CompletableFuture.failedFuture(e);
      }
      return f.thenCompose(v -> ctx.store().write(tx -> {
        tx.contacts().deleteAddress(profileId);
        tx.queues().deleteRcv(q.id());
        return null;
      })).thenRun(() -> {
        ctx.connections().unindexQueue(q.relay(), q.recipientId());
        synchronized (this) {
          Slot slot = slot(profileId);
          setAddress(profileId, slot, null);
          slot.queue = null;
        }
      });
    }).exceptionally(e -> {
      throw Failures.wrap(e);
    });
  }

  /**
   * Runs {@code change} once every change of the same profile's address asked for before it
   * has finished, so creating, updating and deleting an address never interleave and each sees
   * the state the previous one left. A change that fails does not stop the next.
   */
  private <T> CompletableFuture<T> serially(String profileId,
      Supplier<CompletableFuture<T>> change) {
    CompletableFuture<T> done = new CompletableFuture<>();
    CompletableFuture<?> previous;
    synchronized (this) {
      Slot slot = slot(profileId);
      previous = slot.lastChange;
      slot.lastChange = done;
    }
    previous.whenComplete((ignored, failure) -> {
      CompletableFuture<T> f;
      try {
        f = change.get();
      } catch (RuntimeException e) {
        f = CompletableFuture.failedFuture(e);
      }
      f.whenComplete((r, e) -> {
        if (e != null) {
          done.completeExceptionally(e);
        } else {
          done.complete(r);
        }
      });
    });
    return done;
  }

  /** Caller holds this object's monitor. */
  private void setAddress(String profileId, Slot slot, ContactAddressRow aOrNull) {
    slot.address = aOrNull;
    welcomeText.set(profileId, aOrNull == null ? null : aOrNull.welcome());
  }

  private static CompletableFuture<Void> checked(String welcome) {
    if (welcome != null
        // The welcome goes out on whichever ratchet the new connection gets: the smaller limit.
        && welcome.getBytes(StandardCharsets.UTF_8).length > AgentLimits.PQ_MAX_TEXT_BYTES) {
      return CompletableFuture.failedFuture(new AgentException(
          AgentException.Reason.TEXT_TOO_LONG, "welcome text is too long"));
    }
    return CompletableFuture.completedFuture(null);
  }

  private static AgentException noAddress() {
    return new AgentException(AgentException.Reason.NO_ADDRESS, "there is no contact address");
  }

  public List<ContactRequestInfo> requests(String profileId) throws StoreException {
    return ctx.store().read(tx -> tx.contacts().pendingRequests(profileId)).stream()
        .map(r -> new ContactRequestInfo(r.id(), ProfileText.decode(r.profile()).name(),
            Instant.ofEpochMilli(r.createdAt())))
        .toList();
  }

  /**
   * Accepts a pending request of the profile: joins its invitation; completes with the new
   * connection.
   */
  public CompletableFuture<String> accept(String profileId, String requestId) {
    ContactRequestRow r;
    try {
      r = pending(profileId, requestId);
    } catch (AgentException e) {
      return CompletableFuture.failedFuture(e);
    }
    ConnectionLink link;
    try {
      link = ConnectionLink.parse(r.invitation());
    } catch (AgentFormatException e) {
      return CompletableFuture.failedFuture(
          new AgentException(AgentException.Reason.BAD_LINK, "the request's link is bad"));
    }
    return joins.join(r.profileId(), link, Profiles.aliasOf(r.profile()), true)
        .thenCompose(connectionId ->
        ctx.store().write(tx -> {
          tx.contacts().resolveRequest(requestId, ContactRequestStatus.ACCEPTED, connectionId);
          return connectionId;
        }));
  }

  /** Rejects a pending request of the profile; nothing is sent to the requester. */
  public CompletableFuture<Void> reject(String profileId, String requestId) {
    try {
      pending(profileId, requestId);
    } catch (AgentException e) {
      return CompletableFuture.failedFuture(e);
    }
    return ctx.store().write(tx ->
        tx.contacts().resolveRequest(requestId, ContactRequestStatus.REJECTED, null))
        .thenAccept(changed -> {
          if (!changed) {
            throw new CompletionException(new AgentException(
                AgentException.Reason.UNKNOWN_REQUEST, "no such pending request"));
          }
        });
  }

  private ContactRequestRow pending(String profileId, String requestId)
      throws AgentException {
    try {
      ContactRequestRow r = ctx.store().read(tx -> tx.contacts().getRequest(requestId));
      if (!r.profileId().equals(profileId)) {
        // Another profile's request: as unknown as one that never existed.
        throw new AgentException(AgentException.Reason.UNKNOWN_REQUEST, "no such request");
      }
      if (r.status() != ContactRequestStatus.PENDING) {
        throw new AgentException(AgentException.Reason.UNKNOWN_REQUEST, "request is decided");
      }
      return r;
    } catch (RowNotFoundException e) {
      throw new AgentException(AgentException.Reason.UNKNOWN_REQUEST, "no such request");
    } catch (StoreException e) {
      throw new AgentException(AgentException.Reason.STORE_UNAVAILABLE, e.getMessage(), e);
    }
  }

  /** The receive queue of every profile's address (one per profile that has an address). */
  public synchronized List<RcvQueueRow> queues() {
    return slots.values().stream().map(s -> s.queue).filter(Objects::nonNull).toList();
  }

  /**
   * A message arrived on the address queue: store a contact request (and accept it at once with
   * auto-accept), then acknowledge. Anything else is acknowledged and dropped.
   */
  public void onMessage(RelayAddress relay, RcvQueueRow q, Response.Msg msg) {
    boolean auto;
    String profileId = null;
    Slot slot = null;
    synchronized (this) {
      for (Map.Entry<String, Slot> e : slots.entrySet()) {
        if (e.getValue().queue != null && e.getValue().queue.id() == q.id()) {
          profileId = e.getKey();
          slot = e.getValue();
        }
      }
      if (slot == null) {
        return;
      }
      auto = slot.address.autoAccept();
      if (slot.lastRequestMsgId != null && Arrays.equals(slot.lastRequestMsgId, msg.msgId())) {
        ack(relay, q, msg);
        return;
      }
    }
    Envelope env = Opening.open(q.deliveryKey(), q.e2eKey(), null, msg);
    if (!(env instanceof Envelope.ContactRequest r) || !isInvitation(r.invitationLink())) {
      Unusable reason = env instanceof Envelope.Rejected rejected
          ? rejected.reason() : Unusable.NOT_A_REQUEST;
      synchronized (this) {
        slot.lastRequestMsgId = msg.msgId();
      }
      UnusableMessages.reportOnAddress(ctx, q, msg.msgId(), reason).whenCompleteAsync((v, e) -> {
        if (e != null) {
          LOG.log(Level.WARNING, "cannot record a dropped message: " + e.getMessage());
          return;
        }
        ack(relay, q, msg);
      }, ctx.executor());
      return;
    }
    String owner = profileId;
    ContactRequestRow row = ContactRequestRow.pending(owner, r.invitationLink(), r.profile(),
        ctx.now());
    synchronized (this) {
      slot.lastRequestMsgId = msg.msgId();
    }
    ctx.store().write(tx -> {
      tx.contacts().insertRequest(row);
      tx.queues().setLastRelayMsgId(q.id(), msg.msgId());
      if (!auto) {
        EventLog.appendForProfile(tx, AgentEvent.CONNECTION_REQUESTED, owner,
            Map.of("requestId", row.id(), "profile",
                ProfileText.decode(row.profile()).name()));
      }
      return null;
    }).whenCompleteAsync((v, e) -> {
      if (e != null) {
        LOG.log(Level.WARNING, "cannot store a contact request: " + e.getMessage());
        return;
      }
      ack(relay, q, msg);
      if (auto) {
        accept(owner, row.id()).exceptionally(x -> {
          LOG.log(Level.INFO, "auto-accept failed: " + Failures.toAgent(x).getMessage());
          return null;
        });
      }
    }, ctx.executor());
  }

  private void ack(RelayAddress relay, RcvQueueRow q, Response.Msg msg) {
    ctx.pool().client(relay).ack(q.recipientId(), q.rcvAuthKey(), msg.msgId())
        .exceptionally(e -> null);
  }

  private static boolean isInvitation(String link) {
    try {
      return ConnectionLink.parse(link).kind() == ConnectionLink.Kind.INVITATION;
    } catch (AgentFormatException e) {
      return false;
    }
  }

  private static ContactAddress toApi(ContactAddressRow a) {
    return new ContactAddress(a.link(), a.autoAccept(), a.welcome(),
        Instant.ofEpochMilli(a.createdAt()));
  }
}

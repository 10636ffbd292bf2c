package io.parley.agent;

import io.parley.agent.error.AgentException;
import io.parley.agent.internal.inbound.InboundRouter;
import io.parley.agent.internal.handshake.Rotations;
import io.parley.agent.internal.runtime.AgentContext;
import io.parley.agent.internal.state.ConnectionState;
import io.parley.agent.internal.store.RcvQueueRow;
import io.parley.agent.internal.store.RelayStore;
import io.parley.agent.internal.store.StoreException;
import io.parley.agent.model.RelayInfo;
import io.parley.protocol.crypto.Hashes;
import io.parley.protocol.transport.InvalidRelayAddressException;
import io.parley.protocol.transport.RelayAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The relays an agent makes its queues on, as a resource: listed with their state, added, and
 * retired. Changes are kept in the store ({@code relays}) on top of the configured list, so they
 * outlast a restart. Retiring a relay moves every connection's receive queue off it by queue
 * rotation; a retired relay is listed as retiring until it holds none of them. A contact
 * address's queue is not moved (its link has been shared, and a new queue is a new link), so it
 * keeps its relay from being retired until the owner makes a new address. Thread-safe.
 */
final class Relays {
  /** Hex digits of an id: 48 bits of the address's hash. */
  private static final int ID_BYTES = 6;

  private final AgentContext ctx;
  private final InboundRouter router;
  private final Rotations rotations;
  private final List<RcvQueueRow> noAddress = List.of();

  Relays(AgentContext ctx, InboundRouter router, Rotations rotations) {
    this.ctx = ctx;
    this.router = router;
    this.rotations = rotations;
  }

  /** Applies the changes stored by earlier runs to the configured relays (at start). */
  void applyStored() throws StoreException {
    Map<String, RelayStore.Change> changes = ctx.store().read(tx -> tx.relays().all());
    changes.forEach((address, change) -> {
      try {
        RelayAddress r = RelayAddress.parse(address);
        if (change == RelayStore.Change.ADDED) {
          ctx.relays().add(r);
        } else {
          ctx.relays().retire(r);
          retiring.add(r.toString());
        }
      } catch (InvalidRelayAddressException e) {
        // A row this build wrote; one that does not parse is ignored, not fatal.
      }
    });
  }

  /** The relays in use, then the retired ones still holding queues (being moved off). */
  List<RelayInfo> list(List<RcvQueueRow> addressQueues) {
    List<RelayInfo> out = new java.util.ArrayList<>();
    for (RelayAddress r : ctx.relays().relays()) {
      out.add(info(r, addressQueues, false));
    }
    for (RelayAddress r : retiringRelays()) {
      RelayInfo i = info(r, addressQueues, true);
      if (i.queues() > 0) {
        out.add(i);
      }
    }
    return out;
  }

  private List<RelayAddress> retiringRelays() {
    List<RelayAddress> out = new java.util.ArrayList<>();
    for (String a : retiring) {
      try {
        out.add(RelayAddress.parse(a));
      } catch (InvalidRelayAddressException e) {
        // Only parsed addresses are put in the set.
      }
    }
    out.sort(java.util.Comparator.comparing(RelayAddress::toString));
    return out;
  }

  CompletableFuture<RelayInfo> add(String address) {
    RelayAddress r;
    try {
      r = RelayAddress.parse(address == null ? "" : address.strip());
    } catch (InvalidRelayAddressException e) {
      return CompletableFuture.failedFuture(new AgentException(
          AgentException.Reason.INVALID_ARGUMENT, "not a relay address: " + e.getMessage()));
    }
    if (ctx.relays().relays().contains(r)) {
      return CompletableFuture.completedFuture(info(r, noAddress, false));
    }
    String stored = r.toString();
    return ctx.store().write(tx -> {
      tx.relays().record(stored, RelayStore.Change.ADDED);
      return null;
    }).handle((v, e) -> {
      if (e != null) {
        throw new CompletionException(new AgentException(
            AgentException.Reason.STORE_UNAVAILABLE, "cannot record the relay", e));
      }
      ctx.relays().add(r);
      retiring.remove(stored);
      ctx.pool().client(r); // connects now: its state shows up before the first queue
      return info(r, noAddress, false);
    });
  }

  /**
   * Retires the relay: no new queue is made on it from now on, and every connection's receive
   * queue on it is moved to another relay by queue rotation (docs/agent.md 2.2), which goes on
   * by the sweep and after a restart until none is left. Completes with the number of queues
   * still to move (0: nothing held it). Retiring a relay that is retiring already answers the
   * same way.
   */
  CompletableFuture<Integer> retire(String id, List<RcvQueueRow> addressQueues) {
    for (RelayAddress r : retiringRelays()) {
      if (idOf(r).equals(id)) {
        return CompletableFuture.completedFuture(queuesOn(r, List.of()));
      }
    }
    RelayAddress r = ctx.relays().relays().stream().filter(a -> idOf(a).equals(id))
        .findFirst().orElse(null);
    if (r == null) {
      return CompletableFuture.failedFuture(new AgentException(
          AgentException.Reason.UNKNOWN_RELAY, "no such relay"));
    }
    String a = r.toString();
    if (addressQueues.stream().anyMatch(q -> a.equals(q.relay()))) {
      return CompletableFuture.failedFuture(new AgentException(
          AgentException.Reason.ADDRESS_ON_RELAY, "the contact address's queue is on this"
          + " relay, and its shared link would stop working: delete the address, make a new"
          + " one (it goes on another relay) and share its link, then retire the relay"));
    }
    if (ctx.relays().relays().size() == 1) {
      return CompletableFuture.failedFuture(new AgentException(
          AgentException.Reason.RELAY_IN_USE, "the last relay cannot be retired"));
    }
    int queues = queuesOn(r, List.of());
    return ctx.store().write(tx -> {
      tx.relays().record(a, RelayStore.Change.RETIRED);
      return null;
    }).handle((v, e) -> {
      if (e != null) {
        throw new CompletionException(new AgentException(
            AgentException.Reason.STORE_UNAVAILABLE, "cannot record the relay", e));
      }
      ctx.relays().retire(r);
      retiring.add(a);
      moveOffRetired();
      return queues;
    });
  }

  /**
   * Starts a rotation for every receive queue still on a retired relay whose connection is not
   * rotating already (the sweep calls it again for those). A relay that holds nothing any more
   * is forgotten.
   */
  void moveOffRetired() {
    if (retiring.isEmpty()) {
      return;
    }
    java.util.Set<String> holding = new java.util.HashSet<>();
    for (ConnectionState s : ctx.connections().all()) {
      List<RcvQueueRow> qs;
      synchronized (s) {
        qs = s.gone() || !s.established() ? List.of() : s.rcvQueues();
      }
      for (RcvQueueRow q : qs) {
        if (retiring.contains(q.relay())) {
          holding.add(q.relay());
          rotations.moveOff(s, q.id()).exceptionally(e -> null);
        }
      }
    }
    retiring.retainAll(holding);
  }

  /** Retired relays that may still hold receive queues of established connections. */
  private final java.util.Set<String> retiring = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /**
   * The configured relay named by {@code idOrHostPort}: its id, its {@code host:port}, or its
   * full address.
   */
  Optional<RelayAddress> find(String idOrHostPort) {
    String key = idOrHostPort == null ? "" : idOrHostPort.strip();
    return ctx.relays().relays().stream().filter(a -> idOf(a).equals(key)
        || (a.host() + ":" + a.port()).equals(key) || a.toString().equals(key)).findFirst();
  }

  /** The id of a relay in the API: 12 hex digits of the SHA-256 of its address. */
  static String idOf(RelayAddress r) {
    byte[] h = Hashes.sha256(r.toString().getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(h, 0, ID_BYTES);
  }

  private RelayInfo info(RelayAddress r, List<RcvQueueRow> addressQueues, boolean retired) {
    InboundRouter.RelayState st = router.state(r);
    return new RelayInfo(idOf(r), r.toString(), r.host() + ":" + r.port(),
        st != null && st.up(), st == null ? null : Instant.ofEpochMilli(st.sinceMillis()),
        queuesOn(r, addressQueues), st == null ? null : st.lastError(), retired);
  }

  private int queuesOn(RelayAddress r, List<RcvQueueRow> addressQueues) {
    String a = r.toString();
    int n = 0;
    for (ConnectionState s : ctx.connections().all()) {
      List<RcvQueueRow> qs;
      synchronized (s) {
        qs = s.gone() ? List.of() : s.rcvQueues();
      }
      for (RcvQueueRow q : qs) {
        if (a.equals(q.relay())) {
          n++;
        }
      }
    }
    for (RcvQueueRow q : addressQueues) {
      if (a.equals(q.relay())) {
        n++;
      }
    }
    return n;
  }
}

package io.parley.agent.internal.rekey;

import io.parley.agent.error.AgentException;
import io.parley.agent.event.AgentEvent;
import io.parley.agent.internal.delivery.OutItem;
import io.parley.agent.internal.e2e.Unusable;
import io.parley.agent.internal.events.EventLog;
import io.parley.agent.internal.runtime.AgentContext;
import io.parley.agent.internal.runtime.Failures;
import io.parley.agent.internal.runtime.RowEdit;
import io.parley.agent.internal.state.ConnectionState;
import io.parley.agent.internal.state.Connections;
import io.parley.agent.internal.store.ConnectionRow;
import io.parley.agent.internal.store.OutMessageRow;
import io.parley.agent.internal.store.RatchetChangeRow;
import io.parley.agent.internal.store.StoreTransaction;
import io.parley.protocol.agent.AgentMessage;
import io.parley.protocol.agent.RekeyLink;
import io.parley.protocol.agent.RekeyProof;
import io.parley.protocol.crypto.Hashes;
import io.parley.protocol.crypto.SecureRandoms;
import io.parley.protocol.ratchet.Ratchet;
import io.parley.protocol.ratchet.RatchetException;
import io.parley.protocol.ratchet.RatchetPublicKeys;
import io.parley.protocol.ratchet.SecurityCode;
import io.parley.protocol.ratchet.X3dhKeyPairs;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Re-key through an out-of-band link (docs/agent-protocol.md section 9). The link maker keeps
 * fresh X3DH private keys (and, on a post-quantum connection, a fresh ML-KEM-768 key pair, so
 * the new ratchet is of the same kind as the old) and a secret; the opener starts a new
 * ratchet as the joiner from the link's keys, answers under the old ratchet with its own fresh
 * public keys (and the KEM ciphertext) and a MAC under the link's secret, and sends a
 * ratchet-ready under the new one. The maker checks the MAC, starts
 * its new ratchet as the inviter and switches to it once the ready arrives. Each side keeps the
 * other ratchet for receiving until the peer's first message under the new one. Nothing here
 * logs a link, key or secret. Thread-safe: every change runs under the connection's monitor.
 */
public final class Rekeys {
  private static final System.Logger LOG = System.getLogger(Rekeys.class.getName());
  /** The {@code side} of a {@code connection.rekeyed} event. */
  static final String SIDE_MAKER = "link_maker";
  static final String SIDE_OPENER = "link_opener";

  private final AgentContext ctx;

  public Rekeys(AgentContext ctx) {
    this.ctx = ctx;
  }

  /**
   * A fresh one-time re-key link for an established connection; a link made earlier for it and
   * not yet answered stops working. Completes once its keys are stored.
   *
   * @throws AgentException NOT_ESTABLISHED, STORE_UNAVAILABLE
   */
  public CompletableFuture<String> createLink(ConnectionState s) throws AgentException {
    synchronized (s) {
      requireUsable(s);
      X3dhKeyPairs keys = X3dhKeyPairs.generate(s.ratchet().pq(), SecureRandoms.get());
      byte[] secret = SecureRandoms.bytes(RekeyLink.SECRET_BYTES);
      byte[] handle = RekeyLink.handleOf(s.row().securityCode());
      RatchetChangeRow c = base(s).withLink(keys.encode(), secret, handle);
      setChange(s, c);
      RatchetPublicKeys pub = keys.publicKeys();
      String link =
          new RekeyLink(handle, pub.key1(), pub.key2(), secret, keys.kemPublicKey()).encode();
      return ctx.store().write(s.fence(), tx -> {
        tx.ratchetChanges().put(c);
        return null;
      }).handle((v, e) -> {
        if (e != null) {
          Connections.resync(ctx.store(), s);
          throw Failures.wrap(e);
        }
        return link;
      });
    }
  }

  /**
   * The re-key link made for {@code s} and not answered yet, rebuilt from its stored keys (to
   * show it again as a QR code), or null.
   */
  public static String pendingLink(ConnectionState s) {
    synchronized (s) {
      RatchetChangeRow c = s.change();
      if (s.gone() || c == null || c.linkKeys() == null) {
        return null;
      }
      try {
        X3dhKeyPairs keys = X3dhKeyPairs.decode(c.linkKeys());
        RatchetPublicKeys pub = keys.publicKeys();
        return new RekeyLink(c.linkHandle(), pub.key1(), pub.key2(), c.linkSecret(),
            keys.kemPublicKey()).encode();
      } catch (RatchetException e) {
        return null;
      }
    }
  }

  /** Whether {@code link} was opened on {@code s} already (its handle then names no one). */
  public static boolean opened(ConnectionState s, RekeyLink link) {
    synchronized (s) {
      RatchetChangeRow c = s.change();
      return c != null && c.lastOpenedLink() != null
          && Arrays.equals(c.lastOpenedLink(), linkHash(link));
    }
  }

  private static byte[] linkHash(RekeyLink link) {
    return Hashes.sha256(link.encode().getBytes(StandardCharsets.US_ASCII));
  }

  /** Whether {@code link}'s handle names {@code s} (its current security code). */
  public static boolean names(ConnectionState s, RekeyLink link) {
    synchronized (s) {
      String code = s.row().securityCode();
      return code != null && Arrays.equals(RekeyLink.handleOf(code), link.handle());
    }
  }

  /**
   * Opens a peer's re-key link on {@code s}: switches to a new ratchet at once and queues the
   * answer (old ratchet) and a ratchet-ready (new ratchet). Completes with the new security
   * code once stored.
   *
   * @throws AgentException NOT_ESTABLISHED, LINK_ALREADY_USED (this link was opened here
   *     before), BAD_LINK (its keys are unusable, it was made here, or its kind of ratchet,
   *     post-quantum or classic, is not the connection's), STORE_UNAVAILABLE
   */
  public CompletableFuture<String> open(ConnectionState s, RekeyLink link)
      throws AgentException {
    synchronized (s) {
      requireUsable(s);
      RatchetChangeRow c = base(s);
      byte[] linkHash = linkHash(link);
      if (c.lastOpenedLink() != null && Arrays.equals(c.lastOpenedLink(), linkHash)) {
        throw new AgentException(AgentException.Reason.LINK_ALREADY_USED,
            "this re-key link was used already");
      }
      if (c.linkSecret() != null && Arrays.equals(c.linkSecret(), link.secret())) {
        throw new AgentException(AgentException.Reason.BAD_LINK,
            "this re-key link was made here: the peer must open it");
      }
      boolean pq = s.ratchet().pq();
      if (pq != (link.kemKey() != null)) {
        // A link without a KEM key would make a post-quantum connection classic, and the
        // other way round: both sides agreed the kind at the handshake and keep it.
        throw new AgentException(AgentException.Reason.BAD_LINK, pq
            ? "this re-key link has no post-quantum key, and the connection is post-quantum"
            : "this re-key link is post-quantum, and the connection is not");
      }
      RatchetPublicKeys linkKeys = new RatchetPublicKeys(link.key1(), link.key2());
      X3dhKeyPairs own = X3dhKeyPairs.generate();
      Ratchet fresh;
      byte[] kemCiphertext = null;
      try {
        if (pq) {
          Ratchet.JoinerStart start = Ratchet.initJoinerPq(own, linkKeys, link.kemKey());
          fresh = start.ratchet();
          kemCiphertext = start.kemCiphertext();
        } else {
          fresh = Ratchet.initJoiner(own, linkKeys);
        }
      } catch (RatchetException e) {
        throw new AgentException(AgentException.Reason.BAD_LINK, "the link's keys are unusable");
      }
      byte[] ownKeys = own.publicKeys().encode();
      byte[] mac = pq
          ? RekeyProof.mac(link.secret(), link.handle(), linkKeys.encode(), ownKeys,
              link.kemKey(), kemCiphertext)
          : RekeyProof.mac(link.secret(), link.handle(), linkKeys.encode(), ownKeys);
      String code = SecurityCode.compute(own.publicKeys(), linkKeys);
      Ratchet old = s.ratchet();
      OutMessageRow answer = ctx.outbox().protocolRowLocked(s,
          new AgentMessage.RekeyReply(link.handle(), ownKeys, mac, kemCiphertext));
      s.setRatchet(fresh);
      OutMessageRow ready;
      try {
        ready = ctx.outbox().protocolRowLocked(s, new AgentMessage.RatchetReady());
      } catch (AgentException e) {
        s.setRatchet(old);
        throw e;
      }
      RatchetChangeRow next = c.withOther(old.serialize(), false).withLastOpenedLink(linkHash)
          .withSync(null);
      setChange(s, next);
      s.setOtherRatchet(old);
      ConnectionRow row = RowEdit.of(s).securityCode(code).peerKeys(linkKeys.encode())
          .build(ctx.now());
      s.setRow(row);
      String id = s.id();
      CompletableFuture<Void> unit = ctx.store().write(s.fence(), tx -> {
        tx.outbox().insert(answer);
        tx.outbox().insert(ready);
        tx.connections().update(row);
        tx.ratchetChanges().put(next);
        EventLog.append(tx, AgentEvent.CONNECTION_REKEYED, id,
            Map.of("securityCode", code, "side", SIDE_OPENER));
        return null;
      });
      ctx.deliveries().afterCommit(id, OutItem.of(answer), unit);
      ctx.deliveries().afterCommit(id, OutItem.of(ready), unit);
      return unit.handle((v, e) -> {
        if (e != null) {
          Connections.resync(ctx.store(), s);
          throw Failures.wrap(e);
        }
        return code;
      });
    }
  }

  /**
   * The peer's answer to this side's link arrived (decrypted under the old ratchet): check it
   * and start the new ratchet, receive-only until the peer's ratchet-ready. Caller holds the
   * monitor; returns the part of the receiving unit.
   */
  public StoreTransaction<Void> onAnswerLocked(ConnectionState s, AgentMessage.RekeyReply r) {
    RatchetChangeRow c = s.change();
    String id = s.id();
    if (c == null || c.linkKeys() == null || !Arrays.equals(c.linkHandle(), r.handle())) {
      return refused(id, Unusable.REKEY_UNEXPECTED);
    }
    RatchetChangeRow spent = c.withLink(null, null, null);
    try {
      X3dhKeyPairs own = X3dhKeyPairs.decode(c.linkKeys());
      RatchetPublicKeys ownPub = own.publicKeys();
      byte[] ownKem = own.kemPublicKey();
      boolean pq = ownKem != null;
      boolean proven = pq
          ? r.kemCiphertext() != null && RekeyProof.verify(r.mac(), c.linkSecret(),
              c.linkHandle(), ownPub.encode(), r.keys(), ownKem, r.kemCiphertext())
          : r.kemCiphertext() == null && RekeyProof.verify(r.mac(), c.linkSecret(),
              c.linkHandle(), ownPub.encode(), r.keys());
      if (!proven) {
        // One try per link: whoever substituted the keys does not get to guess again.
        setChange(s, spent);
        return refusedAndSpent(id, spent, Unusable.REKEY_UNAUTHENTICATED);
      }
      RatchetPublicKeys peer = RatchetPublicKeys.decode(r.keys());
      Ratchet fresh = pq
          ? Ratchet.initInviterPq(own, peer, r.kemCiphertext())
          : Ratchet.initInviter(own, peer);
      String code = SecurityCode.compute(ownPub, peer);
      RatchetChangeRow next = spent.withOther(fresh.serialize(), true);
      s.setChange(next);
      ConnectionRow row = RowEdit.of(s).securityCode(code).peerKeys(peer.encode())
          .build(ctx.now());
      s.setRow(row);
      return tx -> {
        tx.connections().update(row);
        tx.ratchetChanges().put(next);
        EventLog.append(tx, AgentEvent.CONNECTION_REKEYED, id,
            Map.of("securityCode", code, "side", SIDE_MAKER));
        return null;
      };
    } catch (RatchetException e) {
      setChange(s, spent);
      return refusedAndSpent(id, spent, Unusable.REKEY_UNAUTHENTICATED);
    }
  }

  private StoreTransaction<Void> refused(String id, Unusable reason) {
    LOG.log(Level.INFO, "refused a re-key answer: " + reason.label());
    return tx -> {
      EventLog.append(tx, AgentEvent.CONNECTION_ERROR, id, Map.of("reason", reason.label()));
      return null;
    };
  }

  private StoreTransaction<Void> refusedAndSpent(String id, RatchetChangeRow spent,
      Unusable reason) {
    StoreTransaction<Void> event = refused(id, reason);
    return tx -> {
      tx.ratchetChanges().put(spent);
      return event.run(tx);
    };
  }

  /** The connection's change row, or an empty one. */
  static RatchetChangeRow base(ConnectionState s) {
    return s.change() == null ? RatchetChangeRow.empty(s.id()) : s.change();
  }

  /** Sets a change row whose second ratchet (if any) was serialized from a live state. */
  static void setChange(ConnectionState s, RatchetChangeRow c) {
    try {
      s.setChange(c);
    } catch (RatchetException e) {
      throw new IllegalStateException("a ratchet serialized here does not read back", e);
    }
  }

  static void requireUsable(ConnectionState s) throws AgentException {
    if (s.gone()) {
      throw new AgentException(AgentException.Reason.UNKNOWN_CONNECTION, "no such connection");
    }
    if (!s.established() || s.sndQueues().isEmpty() || s.ratchet() == null) {
      throw new AgentException(AgentException.Reason.NOT_ESTABLISHED,
          "the connection is not established yet");
    }
    if (s.fence().broken()) {
      throw new AgentException(AgentException.Reason.STORE_UNAVAILABLE,
          "the store failed a write of this connection; try again shortly");
    }
  }
}

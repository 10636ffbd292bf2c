package io.parley.agent;

import io.parley.agent.error.AgentException;
import io.parley.agent.internal.events.EventDispatcher;
import io.parley.agent.internal.handshake.ContactAddresses;
import io.parley.agent.internal.handshake.Deletions;
import io.parley.agent.internal.handshake.Rotations;
import io.parley.agent.internal.handshake.ScheduledRotations;
import io.parley.agent.internal.handshake.Invitations;
import io.parley.agent.internal.handshake.Joins;
import io.parley.agent.internal.handshake.ProfileChanges;
import io.parley.agent.internal.handshake.WelcomeText;
import io.parley.agent.internal.inbound.InboundRouter;
import io.parley.agent.internal.inbound.Receiver;
import io.parley.agent.internal.rekey.RatchetSyncs;
import io.parley.agent.internal.rekey.Rekeys;
import io.parley.agent.internal.runtime.AgentContext;
import io.parley.agent.internal.runtime.OwnProfiles;
import io.parley.agent.internal.runtime.RelayChooser;
import io.parley.agent.internal.state.ConnectionState;
import io.parley.agent.internal.state.Connections;
import io.parley.agent.internal.client.RelayClientPool;
import io.parley.agent.internal.client.SubscriptionKey;
import io.parley.agent.internal.delivery.Deliveries;
import io.parley.agent.internal.delivery.OutItem;
import io.parley.agent.internal.delivery.OutboxScan;
import io.parley.agent.internal.delivery.RetryPolicy;
import io.parley.agent.internal.delivery.RetryScheduler;
import io.parley.agent.internal.store.ConnectionRow;
import io.parley.agent.internal.store.ConnectionStatus;
import io.parley.agent.internal.store.Database;
import io.parley.agent.internal.store.OutMessageRow;
import io.parley.agent.internal.store.OutMessageStatus;
import io.parley.agent.internal.store.RcvQueueRow;
import io.parley.agent.internal.store.StoreConfig;
import io.parley.agent.internal.store.StoreException;
import io.parley.protocol.crypto.CryptoException;
import io.parley.protocol.ratchet.RatchetException;
import io.parley.protocol.transport.InvalidRelayAddressException;
import io.parley.protocol.transport.RelayAddress;
import java.io.IOException;
import io.parley.agent.model.RelayTlsEngine;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.quartz.SchedulerException;

/**
 * The parts of one running agent, and how they are assembled, loaded and taken down. Package
 * private: {@link Agent} is the way in.
 */
final class AgentParts {
  /** Worker threads for crypto and continuations; at least two, one per core beyond that. */
  static final int MIN_THREADS = 2;
  /** How long closing waits for work in progress. UNIT: milliseconds. */
  static final long CLOSE_TIMEOUT_MILLIS = 5_000;
  private static final String SWEEP_GROUP = "sweep";
  private static final System.Logger LOG = System.getLogger(AgentParts.class.getName());

  final AgentConfig config;
  final Database db;
  final EventDispatcher dispatcher;
  final ExecutorService executor;
  final RetryScheduler timers;
  final RelayClientPool pool;
  final AgentContext ctx;
  final Invitations invitations;
  final Joins joins;
  final ContactAddresses contacts;
  final Deletions deletions;
  final Rotations rotations;
  final ScheduledRotations scheduledRotations;
  final ProfileChanges profiles;
  final InboundRouter router;
  final Relays relays;
  final Rekeys rekeys;
  final RatchetSyncs syncs;

  private AgentParts(AgentConfig config, Database db, EventDispatcher dispatcher,
      ExecutorService executor, RetryScheduler timers) {
    this.config = config;
    this.db = db;
    this.dispatcher = dispatcher;
    this.executor = executor;
    this.timers = timers;
    this.router = new InboundRouter();
    this.pool = new RelayClientPool(config.relayClient(), router, executor);
    Connections connections = new Connections();
    RetryPolicy retries = new RetryPolicy(config.retryMinMillis(), config.retryMaxMillis());
    Deliveries deliveries = new Deliveries(db, connections, pool, timers, executor,
        config.clock(), retries, config.maxSendsInFlight(),
        Invitations.confirmationAccepted(config.clock()));
    this.ctx = new AgentContext(new OwnProfiles(config.profileName()), retries, config.clock(), db, connections,
        pool, deliveries, deliveries.outbox(), timers, executor,
        new RelayChooser(config.relays(), config.redundancy()), config.postQuantum());
    this.invitations = new Invitations(ctx);
    WelcomeText welcome = new WelcomeText();
    this.joins = new Joins(ctx, welcome);
    this.contacts = new ContactAddresses(ctx, joins, welcome);
    this.deletions = new Deletions(ctx);
    this.rotations = new Rotations(ctx);
    this.scheduledRotations = new ScheduledRotations(ctx, rotations,
        config.rotationIntervalMillis());
    this.profiles = new ProfileChanges(ctx, deletions, contacts);
    this.relays = new Relays(ctx, router, rotations);
    this.rekeys = new Rekeys(ctx);
    this.syncs = new RatchetSyncs(ctx);
    // The one binding left after construction: the relay clients hand messages up to the
    // router, and what the router hands them to sends (ACKs, confirmations) through those
    // same clients, so one of the two must exist first.
    router.bind(new InboundRouter.Targets(ctx,
        new Receiver(ctx, invitations, joins, rotations, rekeys, syncs), contacts, deletions));
  }

  /**
   * The configuration with its relay clients' TLS engine resolved (never auto), so that an
   * engine that cannot run fails the start rather than every connection. BoringSSL cannot be
   * the client: as a client it offers no Ed25519 signature scheme and netty-tcnative has no call
   * to add one, so no relay (they all sign with Ed25519) could complete a handshake with it.
   */
  private static AgentConfig withResolvedTlsEngine(AgentConfig config) throws AgentException {
    RelayTlsEngine asked = config.relayClient().tlsEngine();
    if (asked == RelayTlsEngine.OPENSSL) {
      throw new AgentException(AgentException.Reason.INVALID_ARGUMENT,
          "relay client TLS engine openssl is not supported: BoringSSL as a TLS client offers"
              + " no Ed25519 signature scheme, which relays sign with; use jdk or auto");
    }
    LOG.log(System.Logger.Level.INFO, "relay client TLS engine: jdk (asked for "
        + asked.name().toLowerCase(java.util.Locale.ROOT) + ")");
    return config.withRelayClient(config.relayClient().withTlsEngine(RelayTlsEngine.JDK));
  }

  /** Opens the store and builds every part; nothing is connected yet. */
  static AgentParts assemble(AgentConfig config) throws AgentException {
    config = withResolvedTlsEngine(config);
    Database db;
    try {
      Files.createDirectories(config.dataDir());
      db = Database.open(config.dataDir(), StoreConfig.defaults().withClock(config.clock()));
    } catch (IOException | StoreException e) {
      throw new AgentException(AgentException.Reason.STORE_UNAVAILABLE,
          "cannot open the agent database: " + e.getMessage(), e);
    }
    EventDispatcher dispatcher = null;
    ExecutorService executor = null;
    RetryScheduler timers = null;
    try {
      dispatcher = new EventDispatcher(db, "parley-agent-events");
      dispatcher.addListener(new AgentMetrics(config.meterRegistry(), config.clock()));
      executor = Executors.newFixedThreadPool(
          Math.max(MIN_THREADS, Runtime.getRuntime().availableProcessors()), daemonThreads());
      timers = new RetryScheduler(executor);
      return new AgentParts(config, db, dispatcher, executor, timers);
    } catch (StoreException | SchedulerException | RuntimeException e) {
      if (timers != null) {
        timers.close();
      }
      if (executor != null) {
        executor.shutdownNow();
      }
      if (dispatcher != null) {
        dispatcher.close();
      }
      db.close();
      throw new AgentException(AgentException.Reason.STORE_UNAVAILABLE,
          "cannot start the agent: " + e.getMessage(), e);
    }
  }

  /**
   * Loads every connection with its outbox, subscribes every live queue, resumes deliveries,
   * joins and deletions, and starts the periodic sweep.
   */
  void load() throws AgentException {
    Map<String, OutboxScan> scans = new HashMap<>();
    List<RcvQueueRow> toDelete = new ArrayList<>();
    List<RcvQueueRow> toSubscribe = new ArrayList<>();
    try {
      profiles.load();
      relays.applyStored();
      Map<String, ConnectionRow> rows = new HashMap<>();
      Map<String, ConnectionState> states = new HashMap<>();
      // One read transaction, each table read once: a transaction and four queries per
      // connection cost most of a minute at 20,000 connections on a loaded machine.
      List<ConnectionRow> all = db.read(tx -> {
        List<ConnectionRow> list = tx.connections().list();
        Connections.Stored stored = Connections.Stored.read(tx);
        for (ConnectionRow row : list) {
          try {
            states.put(row.id(), stored.load(row));
            scans.put(row.id(), OutboxScan.of(tx, row.id(), row.sndLastMsgId()));
          } catch (RatchetException | CryptoException e) {
            states.remove(row.id());
          }
        }
        return list;
      });
      for (ConnectionRow row : all) {
        rows.put(row.id(), row);
        ConnectionState s = states.get(row.id());
        if (s == null) {
          // One damaged connection must not keep the agent (and every other one) down.
          LOG.log(System.Logger.Level.ERROR, "a connection's stored keys are unusable; skipped");
          continue;
        }
        OutboxScan scan = scans.get(row.id());
        s.setDeliveredUpTo(scan.deliveredUpTo());
        s.setReceiptPending(scan.receiptPending());
        ctx.connections().put(s);
      }
      contacts.start();
      for (RcvQueueRow q : db.read(tx -> tx.queues().liveRcvQueues())) {
        if (q.connectionId() == null) {
          toSubscribe.add(q);
          continue;
        }
        // Live connections from the rows read above (one read per queue would cost seconds at
        // 100,000); only a queue of a deleted connection is looked up.
        ConnectionRow c = rows.get(q.connectionId());
        if (c == null) {
          c = db.read(tx -> tx.connections().find(q.connectionId())).orElse(null);
        }
        if (c != null && c.status() == ConnectionStatus.DELETED) {
          toDelete.add(q);
        } else if (ctx.connections().get(q.connectionId()).isPresent()) {
          toSubscribe.add(q);
        }
      }
    } catch (StoreException e) {
      throw new AgentException(AgentException.Reason.STORE_UNAVAILABLE,
          "cannot load the agent's state: " + e.getMessage(), e);
    }
    for (RelayAddress r : ctx.relays().relays()) {
      pool.client(r);
    }
    // A queue offered by a rotation is read only once the peer switched to it; a replaced one
    // is deleted rather than read (docs/agent.md 2.2).
    Set<Long> offered = rotations.resume();
    toSubscribe.removeIf(q -> offered.contains(q.id()));
    relays.moveOffRetired();
    // Handed over per relay at once, so each relay client sends its SUBs in bounded batches.
    Map<RelayAddress, List<SubscriptionKey>> byRelay = new HashMap<>();
    // Each relay's address parsed once, not once per queue (a check of its key hash and host).
    Map<String, RelayAddress> parsed = new HashMap<>();
    for (RcvQueueRow q : toSubscribe) {
      try {
        RelayAddress relay = parsed.get(q.relay());
        if (relay == null) {
          relay = RelayAddress.parse(q.relay());
          parsed.put(q.relay(), relay);
        }
        byRelay.computeIfAbsent(relay, r -> new ArrayList<>())
            .add(new SubscriptionKey(q.recipientId(), q.rcvAuthKey()));
      } catch (InvalidRelayAddressException e) {
        throw new AgentException(AgentException.Reason.STORE_UNAVAILABLE,
            "a stored relay address does not parse", e);
      }
    }
    byRelay.forEach((relay, queues) -> pool.client(relay).subscribeAll(queues));
    scans.forEach((id, scan) -> ctx.deliveries().resume(id, scan.queued(), scan.sent(),
        scan.attempts(), scan.nextAttemptAt()));
    finishHandshakes();
    deletions.resume(toDelete);
    joins.resumeAll();
    profiles.resumeAll();
    scheduledRotations.start();
    timers.every(SWEEP_GROUP, "sweep", config.sweepIntervalMillis(), () -> {
      ctx.deliveries().pumpAll();
      joins.resumeAll();
      deletions.retryAll();
      rotations.retryAll();
      relays.moveOffRetired();
      scheduledRotations.grow();
      profiles.resumeAll();
    });
  }

  /**
   * An inviter whose confirmation the relay accepted is established; if the agent stopped
   * between that OK and recording it, record it now.
   */
  private void finishHandshakes() throws AgentException {
    for (ConnectionState s : ctx.connections().all()) {
      synchronized (s) {
        if (s.status() != ConnectionStatus.PENDING || s.ratchet() == null) {
          continue;
        }
      }
      Optional<OutMessageRow> conf;
      try {
        conf = db.read(tx -> tx.outbox().find(OutItem.idOf(s.id(), OutItem.CONFIRMATION_SEQ)));
      } catch (StoreException e) {
        throw new AgentException(AgentException.Reason.STORE_UNAVAILABLE,
            "cannot load the agent's state: " + e.getMessage(), e);
      }
      if (conf.isEmpty() || conf.get().status() != OutMessageStatus.SENT) {
        continue;
      }
      synchronized (s) {
        var established = invitations.establishLocked(s);
        if (established != null) {
          db.write(established);
        }
      }
    }
  }

  /** Stops timers and workers, closes relay connections, drains writes and events. */
  void close() {
    timers.close();
    ctx.deliveries().stopAll();
    pool.close();
    executor.shutdown();
    try {
      executor.awaitTermination(CLOSE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      // A last unit commits after every earlier one, so the dispatcher sees all their events.
      db.write(tx -> null).get(CLOSE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      // The store is failing; close it anyway.
    }
    dispatcher.close();
    db.close();
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "parley-agent-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}

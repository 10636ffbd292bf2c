package io.parley.bots.notifier.service;

import io.parley.bots.notifier.command.SubscriptionCommands;
import io.parley.bots.notifier.config.NotifierConfig;
import io.parley.bots.notifier.delivery.ChatGateway;
import io.parley.bots.notifier.delivery.Dispatcher;
import io.parley.bots.notifier.http.HealthChecks;
import io.parley.bots.notifier.http.NotifyServer;
import io.parley.bots.notifier.metrics.NotifierMetrics;
import io.parley.bots.notifier.http.NotifyToken;
import io.parley.bots.notifier.store.DeliveryLedger;
import io.parley.bots.notifier.store.FiringLedger;
import io.parley.bots.notifier.store.HeldAlerts;
import io.parley.bots.notifier.store.NotifierStore;
import io.parley.bots.notifier.store.StoreException;
import io.parley.bots.notifier.store.Subscriptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The notifier without its chat transport: the data directory, the database, the dispatcher
 * (with a thread sending the digests of held alerts), the subscriber commands and the HTTP
 * receiver, all talking to the daemon through a {@link ChatGateway}. The SDK wiring
 * ({@code io.parley.bots.notifier.sdk.NotifierBot}) feeds chat commands to {@link #commands()}
 * and reports deleted connections to {@link #connectionGone(String)}. Thread-safe; close once.
 */
public final class NotifierService implements AutoCloseable {
  /**
   * How often held alerts are checked for a digest that may go out: far below any sensible
   * rate, so a digest waits for the rate and not for this. UNIT: milliseconds.
   */
  static final long DIGEST_CHECK_MILLIS = 500;
  /** The health checks' reason while the bot's database cannot be read. */
  static final String DATABASE_UNREADABLE = "database cannot be read";
  /** How long closing waits for a digest being sent. UNIT: seconds. */
  static final long DIGEST_STOP_SECONDS = 15;
  private static final System.Logger LOG = System.getLogger(NotifierService.class.getName());

  private final NotifierStore store;
  private final Dispatcher dispatcher;
  private final SubscriptionCommands commands;
  private final NotifyServer server;
  private final ScheduledExecutorService digests;
  private final NotifierMetrics metrics;
  private boolean digestsFailing;

  private NotifierService(NotifierStore store, Dispatcher dispatcher,
      SubscriptionCommands commands, NotifyServer server, NotifierMetrics metrics) {
    this.store = store;
    this.dispatcher = dispatcher;
    this.commands = commands;
    this.server = server;
    this.metrics = metrics;
    this.digests = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "notifier-digests");
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Creates the data directory (mode 0700) if needed, opens the database, loads or creates the
   * notify token and starts the receiver.
   *
   * @throws IOException the data directory or the token file cannot be used
   * @throws StoreException the database cannot be opened
   * @throws RuntimeException from Undertow when the listen address cannot be bound
   */
  public static NotifierService start(NotifierConfig config, ChatGateway gateway, Clock clock)
      throws IOException, StoreException {
    createPrivateDir(config.dataDir());
    NotifyToken token = config.notifyToken() != null
        ? NotifyToken.of(config.notifyToken()) : NotifyToken.loadOrCreate(config.dataDir());
    NotifierStore store = NotifierStore.open(config.dataDir());
    NotifierMetrics metrics = NotifierMetrics.start();
    try {
      Subscriptions subscriptions = new Subscriptions(store);
      Dispatcher dispatcher = new Dispatcher(gateway, subscriptions, new DeliveryLedger(store),
          new FiringLedger(store), new HeldAlerts(store), config.delivery(), clock);
      NotifyServer server = NotifyServer.start(config.listenHost(), config.listenPort(), token,
          dispatcher, config.receiver(), healthChecks(store, gateway), metrics);
      NotifierService service = new NotifierService(store, dispatcher,
          new SubscriptionCommands(subscriptions, clock), server, metrics);
      service.digests.scheduleWithFixedDelay(service::sendDigests, 0, DIGEST_CHECK_MILLIS,
          TimeUnit.MILLISECONDS);
      return service;
    } catch (RuntimeException e) {
      metrics.close();
      store.close();
      throw e;
    }
  }

  /** Health reads the bot's database; readiness also asks the daemon through the gateway. */
  private static HealthChecks healthChecks(NotifierStore store, ChatGateway gateway) {
    return new HealthChecks() {
      @Override
      public Optional<String> storeProblem() {
        try {
          store.check();
          return Optional.empty();
        } catch (StoreException e) {
          return Optional.of(DATABASE_UNREADABLE);
        }
      }

      @Override
      public boolean daemonReady() {
        return gateway.ready();
      }
    };
  }

  /** The subscriber commands, for the chat side. */
  public SubscriptionCommands commands() {
    return commands;
  }

  /** The receiver's bound port. */
  public int receiverPort() {
    return server.port();
  }

  /**
   * Forgets a connection that was deleted (by its peer or on the bot's daemon): its
   * subscriptions and the alerts held for it, which can no longer reach anyone.
   */
  public void connectionGone(String connectionId) throws StoreException {
    int removed = dispatcher.connectionGone(connectionId);
    if (removed > 0) {
      LOG.log(System.Logger.Level.INFO, "a subscriber's connection was deleted; removed its "
          + removed + " subscription(s)");
    }
  }

  /** Stops the receiver and the digests, then closes the database. */
  @Override
  public void close() {
    server.close();
    digests.shutdown();
    try {
      if (!digests.awaitTermination(DIGEST_STOP_SECONDS, TimeUnit.SECONDS)) {
        LOG.log(System.Logger.Level.WARNING, "a digest was still being sent at shutdown");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    metrics.close();
    store.close();
  }

  private void sendDigests() {
    try {
      dispatcher.flushHeld();
      if (digestsFailing) {
        LOG.log(System.Logger.Level.INFO, "held alerts can be read again");
        digestsFailing = false;
      }
    } catch (StoreException e) {
      if (!digestsFailing) {
        LOG.log(System.Logger.Level.WARNING, "cannot read held alerts; retrying: "
            + e.getMessage() + ": " + e.getCause());
        digestsFailing = true;
      }
    } catch (RuntimeException e) {
      // Keep the schedule alive: a bug here must not stop every later digest.
      LOG.log(System.Logger.Level.ERROR, "sending held alerts failed", e);
    }
  }

  private static void createPrivateDir(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    try {
      Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
          PosixFilePermissions.fromString("rwx------")));
    } catch (UnsupportedOperationException e) {
      Files.createDirectories(dir);
    }
  }
}

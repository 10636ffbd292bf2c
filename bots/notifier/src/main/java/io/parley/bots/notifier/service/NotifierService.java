package io.parley.bots.notifier.service;

import io.parley.bots.notifier.command.SubscriptionCommands;
import io.parley.bots.notifier.config.NotifierConfig;
import io.parley.bots.notifier.delivery.ChatGateway;
import io.parley.bots.notifier.delivery.Dispatcher;
import io.parley.bots.notifier.http.NotifyServer;
import io.parley.bots.notifier.http.NotifyToken;
import io.parley.bots.notifier.store.DeliveryLedger;
import io.parley.bots.notifier.store.FiringLedger;
import io.parley.bots.notifier.store.NotifierStore;
import io.parley.bots.notifier.store.StoreException;
import io.parley.bots.notifier.store.Subscriptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;

/**
 * The notifier without its chat transport: the data directory, the database, the dispatcher,
 * the subscriber commands and the HTTP receiver, all talking to the daemon through a
 * {@link ChatGateway}. The SDK wiring ({@code io.parley.bots.notifier.sdk.NotifierBot}) feeds
 * chat commands to {@link #commands()}. Thread-safe; close once.
 */
public final class NotifierService implements AutoCloseable {
  private final NotifierStore store;
  private final SubscriptionCommands commands;
  private final NotifyServer server;

  private NotifierService(NotifierStore store, SubscriptionCommands commands,
      NotifyServer server) {
    this.store = store;
    this.commands = commands;
    this.server = server;
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
    try {
      Subscriptions subscriptions = new Subscriptions(store);
      Dispatcher dispatcher = new Dispatcher(gateway, subscriptions, new DeliveryLedger(store),
          new FiringLedger(store), config.delivery(), clock);
      NotifyServer server = NotifyServer.start(config.listenHost(), config.listenPort(), token,
          dispatcher, config.receiver());
      return new NotifierService(store, new SubscriptionCommands(subscriptions, clock), server);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  /** The subscriber commands, for the chat side. */
  public SubscriptionCommands commands() {
    return commands;
  }

  /** The receiver's bound port. */
  public int receiverPort() {
    return server.port();
  }

  /** Stops the receiver, then closes the database. */
  @Override
  public void close() {
    server.close();
    store.close();
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

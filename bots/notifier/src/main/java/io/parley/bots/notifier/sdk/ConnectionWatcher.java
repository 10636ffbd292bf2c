package io.parley.bots.notifier.sdk;

import io.parley.bots.notifier.service.NotifierService;
import io.parley.bots.notifier.store.StoreException;
import io.parley.sdk.ParleyClient;
import io.parley.sdk.error.NotFoundException;
import io.parley.sdk.error.ParleyException;
import io.parley.sdk.model.Event;
import io.parley.sdk.model.EventTypes;
import java.lang.System.Logger.Level;

/**
 * Notices subscribers who can no longer be reached and tells the service to forget them. A
 * send to a connection whose peer deleted it is still accepted by the daemon (202) and only
 * fails later, reported as a {@code message.status} event with status {@code failed} and the
 * reason {@value #PEER_DELETED}; the bot then deletes the dead connection on its own daemon too.
 * A {@code connection.deleted} event (deleted on the bot's daemon) ends its subscriptions as
 * well. Handles one event at a time on the subscription's thread.
 */
final class ConnectionWatcher {
  /** The watcher's event consumer: it resumes after a restart where it stopped. */
  static final String CONSUMER_NAME = "notifier-connections";
  /** The daemon's reason for a message whose recipient deleted the connection. */
  static final String PEER_DELETED = "peer deleted the connection";
  static final String FAILED = "failed";
  private static final System.Logger LOG = System.getLogger(ConnectionWatcher.class.getName());

  private final NotifierService service;
  private final DaemonClients clients;

  ConnectionWatcher(NotifierService service, DaemonClients clients) {
    this.service = service;
    this.clients = clients;
  }

  void handle(Event event) throws StoreException {
    String conn = event.connectionId();
    if (conn == null) {
      return;
    }
    if (EventTypes.CONNECTION_DELETED.equals(event.type())) {
      service.connectionGone(conn);
      return;
    }
    if (EventTypes.MESSAGE_STATUS.equals(event.type()) && FAILED.equals(event.string("status"))
        && PEER_DELETED.equals(event.string("reason"))) {
      service.connectionGone(conn);
      deleteDeadConnection(clients.current(), conn);
    }
  }

  private static void deleteDeadConnection(ParleyClient client, String conn) {
    try {
      client.deleteConnection(conn);
      LOG.log(Level.INFO, "deleted a connection whose peer had deleted it");
    } catch (NotFoundException e) {
      // Deleted already, by an earlier failed message of the same connection.
    } catch (ParleyException e) {
      LOG.log(Level.WARNING, "cannot delete a connection whose peer deleted it (HTTP "
          + e.status() + ", " + e.code() + "); its subscriptions are removed anyway");
    }
  }
}

package io.parley.daemon.api.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import java.net.InetAddress;
import org.xnio.IoUtils;
import org.xnio.StreamConnection;

/**
 * One admitted connection as {@link ConnectionGuard} sees it: whose it is and whether it is
 * being served. A connection is reclaimable while it is not being served: before its first
 * request head, while a body is still arriving, and idle between requests. Thread-safe.
 */
public final class ConnectionSlot {
  /** The slot of the connection an exchange arrived on, attached by the guard's handler. */
  public static final AttachmentKey<ConnectionSlot> KEY = AttachmentKey.create(
      ConnectionSlot.class);

  private final StreamConnection connection;
  private final InetAddress client;
  /** Guarded by this. */
  private boolean serving;
  /** Guarded by this. */
  private boolean everServed;
  /** When it last became reclaimable; the oldest goes first. Guarded by this. */
  private long reclaimableSinceNanos;
  /** Guarded by the guard's lock. */
  boolean released;

  ConnectionSlot(StreamConnection connection, InetAddress client, long nowNanos) {
    this.connection = connection;
    this.client = client;
    this.reclaimableSinceNanos = nowNanos;
  }

  /** Marks the connection of {@code ex} as serving its request (not reclaimable). */
  public static void serving(HttpServerExchange ex) {
    ConnectionSlot s = ex.getAttachment(KEY);
    if (s != null) {
      s.setServing(true);
    }
  }

  /**
   * Marks the connection of {@code ex} as only receiving a body: a client that sends the head
   * and stalls holds nothing the guard cannot take back.
   */
  public static void receiving(HttpServerExchange ex) {
    ConnectionSlot s = ex.getAttachment(KEY);
    if (s != null) {
      s.setServing(false);
    }
  }

  synchronized void setServing(boolean on) {
    if (on) {
      everServed = true;
    } else if (serving) {
      reclaimableSinceNanos = System.nanoTime();
    }
    serving = on;
  }

  synchronized boolean reclaimable() {
    return !serving;
  }

  synchronized boolean everServed() {
    return everServed;
  }

  synchronized long reclaimableSinceNanos() {
    return reclaimableSinceNanos;
  }

  InetAddress client() {
    return client;
  }

  StreamConnection connection() {
    return connection;
  }

  /** Closes the connection on its own I/O thread. */
  void close() {
    connection.getIoThread().execute(() -> IoUtils.safeClose(connection));
  }
}

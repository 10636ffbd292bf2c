package io.parley.daemon.api.http;

import io.undertow.server.AbstractServerConnection;
import io.undertow.server.HttpHandler;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.xnio.ChannelListener;
import org.xnio.ChannelListeners;
import org.xnio.IoUtils;
import org.xnio.StreamConnection;
import org.xnio.channels.AcceptingChannel;

/**
 * Admits the API's TCP connections: at most {@code maxTotal} open, at most
 * {@code maxPerClient} from one client address, and every new connection's first request head
 * within {@code headMillis} of its accept. At a cap, the connection of that client (or, at the
 * total cap, of the client holding most) that has been reclaimable longest is closed to make
 * room: one never sent a head, one still sending a body, one idle between requests. Only when
 * every connection in the way is being served is the new one refused with a 503
 * {@code too_many_connections}. So hostile connections, which are never served, can delay no
 * request that gets its head through; a slot is free again the moment its connection closes.
 * Thread-safe.
 */
public final class ConnectionGuard implements ChannelListener<AcceptingChannel<StreamConnection>> {
  /** At most one warning about the caps per this interval. UNIT: nanoseconds. */
  private static final long WARN_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);
  private static final System.Logger LOG = System.getLogger(ConnectionGuard.class.getName());
  private static final byte[] REFUSAL = refusal();

  private final ChannelListener<StreamConnection> next;
  private final int maxTotal;
  private final int maxPerClient;
  private final long headMillis;
  private final Map<StreamConnection, ConnectionSlot> slots = new ConcurrentHashMap<>();
  /** Insertion-ordered, so the scan for the oldest usually stops early. Guarded by this. */
  private final Map<InetAddress, Set<ConnectionSlot>> byClient = new HashMap<>();
  /** Guarded by this. */
  private int open;
  private final LongAdder reclaimed = new LongAdder();
  private final LongAdder refused = new LongAdder();
  private final LongAdder headTimeouts = new LongAdder();
  private final AtomicLong lastWarnNanos = new AtomicLong(System.nanoTime() - WARN_INTERVAL_NANOS);

  /**
   * @param next the HTTP open listener the admitted connections go to
   * @param headMillis time from accept to the end of the first request head. UNIT: milliseconds
   */
  public ConnectionGuard(ChannelListener<StreamConnection> next, int maxTotal, int maxPerClient,
      long headMillis) {
    this.next = next;
    this.maxTotal = maxTotal;
    this.maxPerClient = maxPerClient;
    this.headMillis = headMillis;
  }

  @Override
  public void handleEvent(AcceptingChannel<StreamConnection> server) {
    try {
      for (StreamConnection c = server.accept(); c != null; c = server.accept()) {
        admit(c);
      }
    } catch (IOException e) {
      // Out of file descriptors, or the listener is closing: the rest stay in the backlog.
      LOG.log(Level.WARNING, "cannot accept an API connection: " + e.getMessage());
    }
  }

  private void admit(StreamConnection c) {
    InetSocketAddress peer = c.getPeerAddress(InetSocketAddress.class);
    InetAddress client = peer == null ? null : peer.getAddress();
    ConnectionSlot slot = new ConnectionSlot(c, client, System.nanoTime());
    List<ConnectionSlot> victims = new ArrayList<>();
    boolean admitted;
    synchronized (this) {
      admitted = makeRoom(client, victims);
      if (admitted) {
        open++;
        byClient.computeIfAbsent(client, k -> new LinkedHashSet<>()).add(slot);
        slots.put(c, slot);
      }
    }
    for (ConnectionSlot v : victims) {
      reclaimed.increment();
      v.close();
    }
    if (!admitted) {
      refused.increment();
    }
    if (!victims.isEmpty() || !admitted) {
      warnAtCap();
    }
    if (!admitted) {
      refuse(c);
      return;
    }
    c.getSinkChannel().setConduit(new ParseErrorConduit(c.getSinkChannel().getConduit()));
    next.handleEvent(c);
    // Undertow set its own close listener on the connection; run ours before it.
    ChannelListener<? super StreamConnection> undertow = c.getCloseListener();
    c.setCloseListener(closed -> {
      release(slot);
      ChannelListeners.invokeChannelListener(closed, undertow);
    });
    if (!c.isOpen()) {
      release(slot);
      return;
    }
    c.getIoThread().executeAfter(() -> {
      if (!slot.everServed() && c.isOpen()) {
        headTimeouts.increment();
        IoUtils.safeClose(c);
      }
    }, headMillis, TimeUnit.MILLISECONDS);
  }

  /** Whether there is room for one more from {@code client}, after closing {@code victims}. */
  private boolean makeRoom(InetAddress client, List<ConnectionSlot> victims) {
    Set<ConnectionSlot> mine = byClient.get(client);
    if (mine != null && mine.size() >= maxPerClient) {
      return reclaimOldest(mine, victims);
    }
    if (open < maxTotal) {
      return true;
    }
    Set<ConnectionSlot> heaviest = null;
    for (Set<ConnectionSlot> s : byClient.values()) {
      if (heaviest == null || s.size() > heaviest.size()) {
        heaviest = s;
      }
    }
    if (heaviest != null && reclaimOldest(heaviest, victims)) {
      return true;
    }
    for (Set<ConnectionSlot> s : byClient.values()) {
      if (s != heaviest && reclaimOldest(s, victims)) {
        return true;
      }
    }
    return false;
  }

  private boolean reclaimOldest(Set<ConnectionSlot> from, List<ConnectionSlot> victims) {
    ConnectionSlot oldest = null;
    for (ConnectionSlot s : from) {
      if (s.reclaimable() && (oldest == null
          || s.reclaimableSinceNanos() - oldest.reclaimableSinceNanos() < 0)) {
        oldest = s;
      }
    }
    if (oldest == null) {
      return false;
    }
    forget(oldest);
    victims.add(oldest);
    return true;
  }

  private void release(ConnectionSlot slot) {
    synchronized (this) {
      forget(slot);
    }
  }

  /** Frees the slot's place; idempotent. Caller holds this. */
  private void forget(ConnectionSlot slot) {
    if (slot.released) {
      return;
    }
    slot.released = true;
    open--;
    slots.remove(slot.connection());
    Set<ConnectionSlot> s = byClient.get(slot.client());
    if (s != null) {
      s.remove(slot);
      if (s.isEmpty()) {
        byClient.remove(slot.client());
      }
    }
  }

  private static void refuse(StreamConnection c) {
    c.getIoThread().execute(() -> {
      try {
        // One small write into an empty socket buffer; whatever does not fit is dropped.
        c.getSinkChannel().write(ByteBuffer.wrap(REFUSAL));
        c.getSinkChannel().flush();
      } catch (IOException e) {
        // The client is gone already.
      } finally {
        IoUtils.safeClose(c);
      }
    });
  }

  private void warnAtCap() {
    long now = System.nanoTime();
    long last = lastWarnNanos.get();
    if (now - last >= WARN_INTERVAL_NANOS && lastWarnNanos.compareAndSet(last, now)) {
      LOG.log(Level.WARNING, "the API is at its connection cap (" + maxTotal + " in total, "
          + maxPerClient + " per client address): " + reclaimed.sum()
          + " unserved connections closed to make room and " + refused.sum()
          + " refused so far");
    }
  }

  /**
   * Wraps the root handler so that the guard knows which connections are being served: a
   * request is served from its head's arrival until its exchange completes, and a connection
   * upgraded to a WebSocket stays served until it closes.
   */
  public HttpHandler handler(HttpHandler inner) {
    return ex -> {
      ConnectionSlot slot = ex.getConnection() instanceof AbstractServerConnection c
          ? slots.get(c.getChannel()) : null;
      if (slot != null) {
        ex.putAttachment(ConnectionSlot.KEY, slot);
        slot.setServing(true);
        ex.addExchangeCompleteListener((done, nextListener) -> {
          if (!done.isUpgrade()) {
            slot.setServing(false);
          }
          nextListener.proceed();
        });
      }
      inner.handleRequest(ex);
    };
  }

  /** Connections open now. */
  public synchronized int open() {
    return open;
  }

  /** Unserved connections closed to make room for new ones, so far. */
  public long reclaimed() {
    return reclaimed.sum();
  }

  /** New connections refused because every connection in the way was being served. */
  public long refused() {
    return refused.sum();
  }

  /** Connections closed for not sending their first request head in time. */
  public long headTimeouts() {
    return headTimeouts.sum();
  }

  private static byte[] refusal() {
    byte[] body = Json.error(new ApiException(503, ApiException.TOO_MANY_CONNECTIONS,
        "too many connections are being served; retry shortly"));
    String head = "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\n"
        + "Content-Length: " + body.length + "\r\nRetry-After: 1\r\n"
        + ParseErrorConduit.COMMON_HEADERS + "Connection: close\r\n\r\n";
    byte[] h = head.getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[h.length + body.length];
    System.arraycopy(h, 0, out, 0, h.length);
    System.arraycopy(body, 0, out, h.length, body.length);
    return out;
  }
}

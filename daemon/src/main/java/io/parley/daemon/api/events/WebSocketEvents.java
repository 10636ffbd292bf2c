package io.parley.daemon.api.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.daemon.api.http.ApiException;
import io.parley.daemon.api.http.AuthGuard;
import io.parley.daemon.api.http.Json;
import io.parley.agent.store.StoreException;
import io.parley.daemon.store.api.ApiStore;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.websockets.WebSocketConnectionCallback;
import io.undertow.websockets.WebSocketProtocolHandshakeHandler;
import io.undertow.websockets.core.AbstractReceiveListener;
import io.undertow.websockets.core.BufferedBinaryMessage;
import io.undertow.websockets.core.CloseMessage;
import io.undertow.websockets.core.StreamSourceFrameChannel;
import io.undertow.websockets.core.WebSocketCallback;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import io.undertow.websockets.spi.WebSocketHttpExchange;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * {@code GET /v1/events/ws?after=&types=&consumer=}: every event after the cursor, one JSON
 * envelope per text frame, then each new one as it is committed. With {@code consumer}, the
 * client may send {@code {"ack": seq}} to move that consumer's cursor. Client messages larger
 * than the limit, whole or in fragments, close the socket with 1009; the server pings idle
 * sockets. Thread-safe.
 */
public final class WebSocketEvents implements HttpHandler {
  private static final System.Logger LOG = System.getLogger(WebSocketEvents.class.getName());

  private final EventHub hub;
  private final Cursors cursors;
  private final ApiStore store;
  private final StreamLimiter limiter;
  private final ScheduledExecutorService executor;
  private final long maxMessageBytes;
  private final long pingIntervalMillis;
  private final WebSocketProtocolHandshakeHandler handshake;

  /**
   * @param maxMessageBytes largest message a client may send. UNIT: bytes
   * @param pingIntervalMillis how often the server pings. UNIT: milliseconds
   */
  public WebSocketEvents(EventHub hub, Cursors cursors, ApiStore store, StreamLimiter limiter,
      ScheduledExecutorService executor, long maxMessageBytes, long pingIntervalMillis) {
    this.hub = hub;
    this.cursors = cursors;
    this.store = store;
    this.limiter = limiter;
    this.executor = executor;
    this.maxMessageBytes = maxMessageBytes;
    this.pingIntervalMillis = pingIntervalMillis;
    this.handshake = new WebSocketProtocolHandshakeHandler((WebSocketConnectionCallback)
        this::onConnect, ex -> {
          throw ApiException.badRequest("this endpoint needs a WebSocket upgrade");
        });
  }

  @Override
  public void handleRequest(HttpServerExchange ex) {
    StreamRequests.dispatch(ex, this::open);
  }

  private void open(HttpServerExchange ex) throws Exception {
    if (ex.getRequestHeaders().getFirst(Headers.UPGRADE) == null) {
      throw ApiException.badRequest("this endpoint needs a WebSocket upgrade");
    }
    String profile = ex.getAttachment(AuthGuard.PRINCIPAL).profileId();
    limiter.checkRoom(profile);
    EventFilter filter = EventFilter.parse(StreamRequests.query(ex, "types"))
        .forProfile(profile);
    Optional<String> consumer = StreamRequests.query(ex, "consumer");
    long cursor = cursors.resolve(StreamRequests.query(ex, "after"), consumer, profile);
    ex.putAttachment(StreamStart.KEY, new StreamStart(cursor, filter, consumer.orElse(null),
        profile));
    handshake.handleRequest(ex);
  }

  private void onConnect(WebSocketHttpExchange exchange, WebSocketChannel channel) {
    StreamStart start = exchange.getAttachment(StreamStart.KEY);
    if (start == null || !limiter.tryAcquire(start.profileId())) {
      WebSockets.sendClose(CloseMessage.GOING_AWAY, "too many event readers", channel, null);
      return;
    }
    EventPump pump = new EventPump(hub, start.cursor(), start.filter(), executor,
        (batch, done, failed) -> send(channel, batch, done, failed),
        error -> close(channel, CloseMessage.UNEXPECTED_ERROR, "cannot read events"));
    ScheduledFuture<?> pings = executor.scheduleAtFixedRate(
        () -> WebSockets.sendPing(ByteBuffer.allocate(0), channel, null),
        pingIntervalMillis, pingIntervalMillis, TimeUnit.MILLISECONDS);
    channel.addCloseTask(ch -> {
      pings.cancel(false);
      pump.stop();
      limiter.release(start.profileId());
    });
    channel.getReceiveSetter().set(new Listener(start.consumer(), start.profileId()));
    channel.resumeReceives();
    pump.start();
  }

  private static void send(WebSocketChannel channel, List<HubEvent> batch, Runnable done,
      Consumer<Throwable> failed) {
    WebSocketCallback<Void> last = new WebSocketCallback<>() {
      @Override
      public void complete(WebSocketChannel ch, Void context) {
        done.run();
      }

      @Override
      public void onError(WebSocketChannel ch, Void context, Throwable t) {
        failed.accept(t);
      }
    };
    for (int i = 0; i < batch.size(); i++) {
      WebSockets.sendText(batch.get(i).json(), channel, i == batch.size() - 1 ? last : null);
    }
  }

  private static void close(WebSocketChannel channel, int code, String reason) {
    WebSockets.sendClose(code, reason, channel, null);
  }

  /** Reads client messages: only {@code {"ack": seq}} for a consumer means anything. */
  private final class Listener extends AbstractReceiveListener {
    private final String consumer;

    private final String profileId;

    Listener(String consumer, String profileId) {
      this.consumer = consumer;
      this.profileId = profileId;
    }

    @Override
    protected long getMaxBinaryBufferSize() {
      return maxMessageBytes;
    }

    /**
     * Reads a text message itself, counting across fragments: Undertow's buffered reader lets a
     * message sent in fragments grow past its limit and hands it over whole.
     */
    @Override
    protected void onText(WebSocketChannel channel, StreamSourceFrameChannel frames) {
      new BoundedText(channel, frames, maxMessageBytes, text -> onMessage(channel, text))
          .read(frames);
    }

    private void onMessage(WebSocketChannel channel, String text) {
      JsonNode ack;
      try {
        ack = Json.MAPPER.readTree(text).get("ack");
      } catch (IOException | RuntimeException e) {
        close(channel, CloseMessage.MSG_CONTAINS_INVALID_DATA, "send {\"ack\": seq} as JSON");
        return;
      }
      if (consumer == null || ack == null || !ack.canConvertToLong() || ack.longValue() < 0
          || ack.longValue() > hub.latestSeq()) {
        return;
      }
      long seq = ack.longValue();
      executor.execute(() -> {
        try {
          store.write(tx -> tx.consumers().ack(profileId, consumer, seq));
        } catch (StoreException e) {
          LOG.log(Level.WARNING, "cannot store a consumer acknowledgement: " + e.getMessage());
          close(channel, CloseMessage.UNEXPECTED_ERROR, "cannot store the acknowledgement");
        }
      });
    }

    @Override
    protected void onFullBinaryMessage(WebSocketChannel channel, BufferedBinaryMessage message) {
      message.getData().free();
      close(channel, CloseMessage.PROTOCOL_ERROR, "binary messages are not understood");
    }
  }
}

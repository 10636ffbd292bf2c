package io.parley.sdk.internal;

import io.parley.sdk.error.DaemonUnreachableException;
import io.parley.sdk.error.ParleyException;
import io.parley.sdk.model.Event;
import java.io.IOException;
import java.net.URI;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One WebSocket to {@code /v1/events/ws}: parses each text message into an {@link Event} and
 * queues it for the subscription's thread, with flow control (at most {@link #PREFETCH} events
 * requested ahead of the reader), then queues one end marker when the socket closes or fails.
 * The HTTP client's threads call the listener methods; {@link #take()} is for one reader
 * thread. Not part of the SDK's API.
 */
final class WebSocketReader implements WebSocket.Listener {
  /** Events requested from the socket ahead of the handler. */
  static final int PREFETCH = 16;
  /** Largest event message accepted. UNIT: characters. */
  static final int MAX_MESSAGE_CHARS = 1024 * 1024;

  /** What the reader thread takes: an event, or the end of this socket. */
  sealed interface Item permits EventItem, EndItem {}

  /** An event, in the order the daemon sent it. */
  record EventItem(Event event) implements Item {}

  /** The socket ended; nothing follows. */
  record EndItem(ParleyException cause) implements Item {}

  /** The daemon answered the upgrade request with an HTTP status instead of switching. */
  static final class UpgradeRefusedException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int status;

    UpgradeRefusedException(int status, Throwable cause) {
      super("the WebSocket upgrade was refused with HTTP " + status, cause);
      this.status = status;
    }

    int status() {
      return status;
    }
  }

  private final LinkedBlockingQueue<Item> items = new LinkedBlockingQueue<>();
  private final AtomicBoolean ended = new AtomicBoolean();
  private final StringBuilder partial = new StringBuilder();
  private volatile WebSocket socket;

  private WebSocketReader() {}

  /**
   * Opens a socket to {@code pathAndQuery}.
   *
   * @throws UpgradeRefusedException if the daemon answered with an HTTP status
   * @throws DaemonUnreachableException if it did not answer
   */
  static WebSocketReader open(HttpApi http, String pathAndQuery)
      throws UpgradeRefusedException {
    URI uri = webSocketUri(http.uri(pathAndQuery));
    WebSocketReader reader = new WebSocketReader();
    long timeoutMillis = http.config().connectTimeout().plus(http.config().requestTimeout())
        .toMillis();
    try {
      reader.socket = http.client().newWebSocketBuilder()
          .connectTimeout(http.config().connectTimeout())
          .header("Authorization", "Bearer " + http.config().token())
          .buildAsync(uri, reader)
          .get(timeoutMillis, TimeUnit.MILLISECONDS);
      return reader;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof WebSocketHandshakeException h) {
        throw new UpgradeRefusedException(h.getResponse().statusCode(), h);
      }
      throw new DaemonUnreachableException("cannot open the event stream: "
          + (cause == null ? e : cause).getClass().getSimpleName(), cause);
    } catch (TimeoutException e) {
      throw new DaemonUnreachableException("the event stream did not open within "
          + timeoutMillis + " ms", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DaemonUnreachableException("interrupted while opening the event stream", e);
    }
  }

  private static URI webSocketUri(URI http) {
    String s = http.toString();
    return URI.create(s.startsWith("https:") ? "wss:" + s.substring("https:".length())
        : "ws:" + s.substring("http:".length()));
  }

  /** The next event or the end marker; blocks until one is there. */
  Item take() throws InterruptedException {
    return items.take();
  }

  /** Asks for one more event, after the reader took one. */
  void request() {
    WebSocket ws = socket;
    if (ws != null && !ended.get()) {
      ws.request(1);
    }
  }

  /** Drops the socket at once; the reader gets an end marker if it had none. */
  void abort() {
    end(new DaemonUnreachableException("the event stream was closed by the client", null));
    WebSocket ws = socket;
    if (ws != null) {
      ws.abort();
    }
  }

  @Override
  public void onOpen(WebSocket ws) {
    socket = ws;
    ws.request(PREFETCH);
  }

  @Override
  public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
    if (ended.get()) {
      return null;
    }
    partial.append(data);
    if (partial.length() > MAX_MESSAGE_CHARS) {
      partial.setLength(0);
      fail(ws, "an event message is larger than " + MAX_MESSAGE_CHARS + " characters");
      return null;
    }
    if (!last) {
      // A fragment does not count against the prefetch: only whole events do.
      ws.request(1);
      return null;
    }
    String text = partial.toString();
    partial.setLength(0);
    Event event;
    try {
      event = Json.MAPPER.readValue(text, Event.class);
    } catch (IOException e) {
      fail(ws, "an event message is not a valid event envelope");
      return null;
    }
    if (event == null || event.seq() <= 0 || event.type() == null) {
      fail(ws, "an event message lacks its seq or type");
      return null;
    }
    items.add(new EventItem(event));
    return null;
  }

  @Override
  public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
    // The daemon sends only text; anything else is skipped, not fatal.
    ws.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
    end(new DaemonUnreachableException("the daemon closed the event stream (WebSocket code "
        + statusCode + ")", null));
    return null;
  }

  @Override
  public void onError(WebSocket ws, Throwable error) {
    end(new DaemonUnreachableException("the event stream failed: "
        + error.getClass().getSimpleName(), error));
  }

  private void fail(WebSocket ws, String why) {
    end(new ParleyException(ParleyException.NO_STATUS, ParleyException.BAD_RESPONSE, why));
    ws.abort();
  }

  private void end(ParleyException cause) {
    if (ended.compareAndSet(false, true)) {
      items.add(new EndItem(cause));
    }
  }
}

package io.parley.daemon.api.events;

import io.parley.daemon.api.http.AuthGuard;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.sse.ServerSentEventConnection;
import io.undertow.server.handlers.sse.ServerSentEventHandler;
import io.undertow.util.HttpString;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * {@code GET /v1/events/sse?after=&types=&consumer=}: Server-Sent Events, one envelope per
 * event with {@code id: <seq>}, so an {@code EventSource} that reconnects resumes by itself:
 * its {@code Last-Event-ID} header wins over {@code after}. A comment is sent on idle streams
 * as a keep-alive. Thread-safe.
 */
public final class SseEvents implements HttpHandler {
  private static final HttpString LAST_EVENT_ID = new HttpString("Last-Event-ID");

  private final EventHub hub;
  private final Cursors cursors;
  private final StreamLimiter limiter;
  private final Executor executor;
  private final long keepAliveMillis;
  private final ServerSentEventHandler sse;

  /** @param keepAliveMillis idle time before a keep-alive comment. UNIT: milliseconds */
  public SseEvents(EventHub hub, Cursors cursors, StreamLimiter limiter, Executor executor,
      long keepAliveMillis) {
    this.hub = hub;
    this.cursors = cursors;
    this.limiter = limiter;
    this.executor = executor;
    this.keepAliveMillis = keepAliveMillis;
    this.sse = new ServerSentEventHandler(this::connected);
  }

  @Override
  public void handleRequest(HttpServerExchange ex) {
    StreamRequests.dispatch(ex, this::open);
  }

  private void open(HttpServerExchange ex) throws Exception {
    String profile = ex.getAttachment(AuthGuard.PRINCIPAL).profileId();
    limiter.checkRoom(profile);
    EventFilter filter = EventFilter.parse(StreamRequests.query(ex, "types"))
        .forProfile(profile);
    Optional<String> lastId = Optional.ofNullable(ex.getRequestHeaders().getFirst(LAST_EVENT_ID));
    Optional<String> consumer = StreamRequests.query(ex, "consumer");
    Optional<String> after = lastId.isPresent() ? lastId : StreamRequests.query(ex, "after");
    if (lastId.isPresent() && consumer.isPresent()) {
      // A reconnecting EventSource repeats the consumer; its own position is what counts.
      consumer = Optional.empty();
    }
    long cursor = cursors.resolve(after, consumer, profile);
    ex.putAttachment(StreamStart.KEY, new StreamStart(cursor, filter, null, profile));
    sse.handleRequest(ex);
  }

  private void connected(ServerSentEventConnection connection, String lastEventId) {
    StreamStart start = connection.getAttachment(StreamStart.KEY);
    if (start == null || !limiter.tryAcquire(start.profileId())) {
      closeQuietly(connection);
      return;
    }
    connection.setKeepAliveTime(keepAliveMillis);
    EventPump pump = new EventPump(hub, start.cursor(), start.filter(), executor,
        (batch, done, failed) -> send(connection, batch, done, failed),
        error -> closeQuietly(connection));
    connection.addCloseTask(c -> {
      pump.stop();
      limiter.release(start.profileId());
    });
    pump.start();
  }

  private static void send(ServerSentEventConnection connection, List<HubEvent> batch,
      Runnable done, Consumer<Throwable> failed) {
    for (int i = 0; i < batch.size(); i++) {
      HubEvent e = batch.get(i);
      boolean last = i == batch.size() - 1;
      connection.send(e.json(), null, Long.toString(e.seq()),
          new ServerSentEventConnection.EventCallback() {
            @Override
            public void done(ServerSentEventConnection c, String data, String event, String id) {
              if (last) {
                done.run();
              }
            }

            @Override
            public void failed(ServerSentEventConnection c, String data, String event, String id,
                IOException t) {
              if (last) {
                failed.accept(t);
              }
            }
          });
    }
  }

  private static void closeQuietly(ServerSentEventConnection c) {
    try {
      c.close();
    } catch (IOException e) {
      // The client is gone already.
    }
  }
}

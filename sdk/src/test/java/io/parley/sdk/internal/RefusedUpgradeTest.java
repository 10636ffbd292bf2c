package io.parley.sdk.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.sdk.ParleyClient;
import io.parley.sdk.ParleyConfig;
import io.parley.sdk.error.CursorExpiredException;
import io.parley.sdk.events.Subscription;
import io.parley.sdk.events.SubscriptionListener;
import io.parley.sdk.events.SubscriptionOptions;
import io.parley.sdk.events.Transport;
import io.parley.sdk.testing.EventRecorder;
import io.parley.testkit.Await;
import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.PathHandler;
import io.undertow.util.Headers;
import io.undertow.websockets.WebSocketProtocolHandshakeHandler;
import io.undertow.websockets.core.WebSockets;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A fake daemon that refuses WebSocket upgrades for reasons other than the upgrade itself:
 * retention deleted events 1 to 4, so a cursor below 4 is refused with 410 (on the upgrade and
 * on long-polls alike; events 5 and 6 are still there), and it is sometimes too busy (429).
 */
class RefusedUpgradeTest {
  private static final long OLDEST_SEQ = 5;
  private static final String EXPIRED = "{\"error\":{\"code\":\"cursor_expired\",\"message\":"
      + "\"deleted by retention\",\"oldestSeq\":" + OLDEST_SEQ + "}}";

  private static final String BUSY = "{\"error\":{\"code\":\"too_many_requests\","
      + "\"message\":\"too many event readers\"}}";

  /** How many upgrades to refuse with 429 before accepting. */
  private final AtomicInteger busyUpgrades = new AtomicInteger();
  private Undertow server;
  private ParleyClient client;

  private static String event(long seq) {
    return "{\"seq\":" + seq + ",\"type\":\"message.received\",\"time\":"
        + "\"2026-01-01T00:00:00Z\",\"connectionId\":\"c\",\"data\":{\"text\":\"t" + seq
        + "\"}}";
  }

  private static long after(HttpServerExchange ex) {
    Deque<String> v = ex.getQueryParameters().get("after");
    return v == null ? 0 : Long.parseLong(v.peekFirst());
  }

  private static void json(HttpServerExchange ex, int status, String body) {
    ex.setStatusCode(status);
    ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
    ex.getResponseSender().send(body);
  }

  @BeforeEach
  void start() {
    WebSocketProtocolHandshakeHandler upgrade = Handlers.websocket((exchange, channel) -> {
      long from = Long.parseLong(exchange.getRequestParameters().get("after").get(0));
      for (long s = from + 1; s <= OLDEST_SEQ + 1; s++) {
        WebSockets.sendText(event(s), channel, null);
      }
      channel.resumeReceives();
    });
    PathHandler paths = Handlers.path()
        .addExactPath("/v1/events/ws", ex -> {
          if (after(ex) < OLDEST_SEQ - 1) {
            json(ex, 410, EXPIRED);
          } else if (busyUpgrades.getAndDecrement() > 0) {
            json(ex, 429, BUSY);
          } else {
            upgrade.handleRequest(ex);
          }
        })
        .addExactPath("/v1/events", ex -> {
          boolean expired = after(ex) < OLDEST_SEQ - 1;
          json(ex, expired ? 410 : 200,
              expired ? EXPIRED : "{\"events\":[],\"next\":" + after(ex) + "}");
        });
    server = Undertow.builder().addHttpListener(0, "127.0.0.1").setHandler(paths).build();
    server.start();
    int port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
    client = ParleyClient.create(ParleyConfig.builder(Map.of())
        .api("http://127.0.0.1:" + port).token("t").build());
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  private SubscriptionOptions.Builder options(SubscriptionListener listener) {
    return SubscriptionOptions.builder().after(2).listener(listener)
        .backoff(Duration.ofMillis(5), Duration.ofMillis(20));
  }

  @Test
  void anExpiredCursorStopsTheSubscriptionWithTheOldestKeptSeqByDefault() throws Exception {
    EventRecorder rec = new EventRecorder();
    Subscription sub = client.subscribe(options(rec).build(), rec);
    assertTrue(sub.awaitStopped(Duration.ofSeconds(10)));
    CursorExpiredException e = (CursorExpiredException) sub.failure().orElseThrow();
    assertEquals(OLDEST_SEQ, e.oldestSeq().orElseThrow());
    assertEquals(List.of(), rec.events());
    sub.close();
  }

  @Test
  void withSkipExpiredTheSubscriptionGoesOnFromTheOldestKeptEventOverItsWebSocket()
      throws Exception {
    AtomicLong lost = new AtomicLong();
    EventRecorder rec = new EventRecorder() {
      @Override
      public void onEventsExpired(long lostAfter, long resumeAfter) {
        lost.set(resumeAfter - lostAfter);
      }
    };
    try (Subscription sub = client.subscribe(options(rec).skipExpired(true).build(), rec)) {
      assertEquals(List.of("t5", "t6"), rec.awaitTexts(2));
      Await.until("on the socket", () -> rec.lastTransport() == Transport.WEBSOCKET);
      assertEquals(2, lost.get(), "events 3 and 4 were lost");
      assertEquals(0, rec.fallbacks(), "an expired cursor is no reason to give up sockets");
    }
  }

  @Test
  void aBusyDaemonRefusingTheUpgradeIsRetriedOnTheSocketNotAbandonedForLongPolls()
      throws Exception {
    busyUpgrades.set(2);
    EventRecorder rec = new EventRecorder();
    SubscriptionOptions o = SubscriptionOptions.builder().after(OLDEST_SEQ - 1).listener(rec)
        .backoff(Duration.ofMillis(5), Duration.ofMillis(20)).build();
    try (Subscription sub = client.subscribe(o, rec)) {
      assertEquals(List.of("t5", "t6"), rec.awaitTexts(2));
      assertEquals(0, rec.fallbacks());
      assertEquals(2, rec.disconnects());
      assertEquals(Transport.WEBSOCKET, sub.transport());
    }
  }
}

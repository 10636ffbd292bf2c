package io.parley.sdk.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.sdk.ParleyClient;
import io.parley.sdk.ParleyConfig;
import io.parley.sdk.error.ParleyException;
import io.parley.sdk.events.Subscription;
import io.parley.sdk.events.SubscriptionOptions;
import io.parley.sdk.events.Transport;
import io.parley.sdk.testing.EventRecorder;
import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import io.undertow.websockets.spi.WebSocketHttpExchange;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A fake daemon that answers with garbage: malformed JSON, oversized and duplicate events,
 * bodies of the wrong shape. The SDK must answer with typed errors and keep its subscription
 * alive, never crash or hand over an event twice.
 */
class HostileDaemonTest {
  private static final String INFO = "{\"version\":\"x\",\"apiVersion\":1,\"events\":"
      + "{\"latestSeq\":0,\"oldestSeq\":1,\"retentionSeconds\":60},\"connections\":0,"
      + "\"contactAddress\":false,\"relays\":[]}";

  private final AtomicInteger sockets = new AtomicInteger();
  private Undertow server;
  private ParleyClient client;

  private static String event(long seq, String text) {
    return "{\"seq\":" + seq + ",\"type\":\"message.received\",\"time\":"
        + "\"2026-01-01T00:00:00Z\",\"connectionId\":\"c1\",\"data\":{\"messageId\":\"m" + seq
        + "\",\"text\":\"" + text + "\",\"integrity\":{\"kind\":\"ok\"},\"extra\":[1,2]},"
        + "\"unknownField\":true}";
  }

  /** Each new socket gets the next act of abuse; the last one behaves. */
  private void onSocket(WebSocketHttpExchange exchange, WebSocketChannel channel) {
    switch (sockets.incrementAndGet()) {
      case 1 -> WebSockets.sendText("this is not json", channel, null);
      case 2 -> WebSockets.sendText("{\"seq\":\"x\",\"type\":5}", channel, null);
      case 3 -> WebSockets.sendText("[" + "1,".repeat(600_000) + "1]", channel, null);
      case 4 -> WebSockets.sendText("{\"type\":\"message.received\"}", channel, null);
      default -> {
        WebSockets.sendText(event(1, "one"), channel, null);
        WebSockets.sendText(event(1, "one again"), channel, null);
        WebSockets.sendText(event(2, "two"), channel, null);
      }
    }
    channel.resumeReceives();
  }

  private static void answer(HttpServerExchange ex, int status, String body) {
    ex.setStatusCode(status);
    ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
    ex.getResponseSender().send(body);
  }

  @BeforeEach
  void start() {
    server = Undertow.builder().addHttpListener(0, "127.0.0.1")
        .setHandler(Handlers.path()
            .addPrefixPath("/v1/events/ws", Handlers.websocket(this::onSocket))
            .addExactPath("/v1/info", ex -> answer(ex, 200, INFO))
            .addExactPath("/v1/connections", ex -> answer(ex, 201, "{\"wrong\":1}"))
            .addExactPath("/v1/address", ex -> answer(ex, 200, "<html>oops</html>"))
            .addExactPath("/v1/events", ex -> answer(ex, 200, "{\"events\":7,\"next\":\"x\"}")))
        .build();
    server.start();
    int port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
    client = ParleyClient.create(ParleyConfig.builder(Map.of())
        .api("http://127.0.0.1:" + port).token("t").build());
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  @Test
  void malformedOversizedAndRepeatedEventsNeverReachTheHandlerAndTheStreamRecovers()
      throws Exception {
    EventRecorder rec = new EventRecorder();
    SubscriptionOptions o = SubscriptionOptions.builder().transport(Transport.WEBSOCKET)
        .backoff(Duration.ofMillis(5), Duration.ofMillis(20)).listener(rec).build();
    try (Subscription sub = client.subscribe(o, rec)) {
      assertEquals(List.of("one", "two"), rec.awaitTexts(2));
      assertTrue(rec.disconnects() >= 4, "each bad socket was dropped: " + rec.disconnects());
      assertTrue(sub.isRunning());
      assertEquals(2, sub.lastSeq());
      assertEquals("c1", rec.events().get(0).connectionId());
    }
  }

  @Test
  void answersOfTheWrongShapeAreTypedBadResponses() {
    ParleyException join = assertThrows(ParleyException.class, () -> client.join("link"));
    assertEquals(ParleyException.BAD_RESPONSE, join.code());
    assertEquals(201, join.status());
    ParleyException address = assertThrows(ParleyException.class, () -> client.address());
    assertEquals(ParleyException.BAD_RESPONSE, address.code());
    ParleyException events = assertThrows(ParleyException.class,
        () -> client.events(io.parley.sdk.model.EventQuery.latest()));
    assertEquals(ParleyException.BAD_RESPONSE, events.code());
  }
}

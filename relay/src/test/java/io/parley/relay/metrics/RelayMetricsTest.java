package io.parley.relay.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.protocol.ErrorCode;
import io.parley.protocol.command.QueueMode;
import io.parley.protocol.command.Response;
import io.parley.relay.Relay;
import io.parley.relay.client.BlockingRelayClient;
import io.parley.relay.client.ClientQueue;
import io.parley.relay.testing.RelayFixture;
import io.parley.testkit.LeakCheck;
import io.parley.testkit.PrometheusText;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The relay's loopback metrics listener, scraped over real HTTP while real clients use it. */
@ExtendWith(LeakCheck.class)
class RelayMetricsTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path dir;

  private static HttpResponse<String> get(int port, String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  private static PrometheusText scrape(int port) throws Exception {
    HttpResponse<String> r = get(port, "/metrics");
    assertEquals(200, r.statusCode());
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
    return PrometheusText.parse(r.body());
  }

  @Test
  void aRelayStartedWithDefaultsRunsNoMetricsListener() throws Exception {
    try (Relay relay = RelayFixture.memoryOnly(dir)) {
      assertTrue(relay.metricsPort().isEmpty());
    }
  }

  @Test
  void aScrapeParsesAsPrometheusTextAndItsSeriesMoveWhenMessagesFlow() throws Exception {
    try (Relay relay = RelayFixture.memoryOnly(dir, b -> b.metricsPort(0))) {
      int port = relay.metricsPort().orElseThrow();
      PrometheusText before = scrape(port);
      for (String family : new String[] {"parley_relay_queues", "parley_relay_connections_open",
          "parley_relay_messages_in_total", "parley_relay_messages_out_total",
          "parley_relay_messages_expired_total", "parley_relay_tls_handshakes_total",
          "parley_relay_connections_refused_total", "parley_relay_errors_total",
          "jvm_memory_used_bytes", "jvm_threads_live_threads", "process_cpu_usage",
          "process_uptime_seconds", "process_files_open_files"}) {
        assertTrue(!before.samples(family).isEmpty(), family + " is missing");
      }
      assertEquals(0.0, before.value("parley_relay_connections_refused_total",
          "reason", "max_pending_handshakes"));

      try (BlockingRelayClient r = BlockingRelayClient.connect(relay.address());
          BlockingRelayClient s = BlockingRelayClient.connect(relay.address())) {
        ClientQueue q = r.createQueue(true, QueueMode.MESSAGING);
        assertInstanceOf(Response.Ok.class,
            s.request(s.sendMessage(q.senderId(), null, false, new byte[] {1})));
        Response.Msg msg = assertInstanceOf(Response.Msg.class, r.receive().response());
        assertInstanceOf(Response.Ok.class,
            r.request(r.ack(q.recipientId(), q.recipientAuth().privateKey(), msg.msgId())));
        assertEquals(new Response.Err(ErrorCode.NO_MSG),
            r.request(r.ack(q.recipientId(), q.recipientAuth().privateKey(), msg.msgId())));

        PrometheusText after = scrape(port);
        assertEquals(before.value("parley_relay_queues") + 1, after.value("parley_relay_queues"));
        assertEquals(2.0, after.value("parley_relay_connections_open"));
        assertEquals(before.value("parley_relay_messages_in_total") + 1,
            after.value("parley_relay_messages_in_total"));
        assertEquals(before.value("parley_relay_messages_out_total") + 1,
            after.value("parley_relay_messages_out_total"));
        assertEquals(before.value("parley_relay_tls_handshakes_total", "outcome", "completed")
            + 2, after.value("parley_relay_tls_handshakes_total", "outcome", "completed"));
        assertEquals(before.value("parley_relay_errors_total", "type", "no_msg") + 1,
            after.value("parley_relay_errors_total", "type", "no_msg"));
        assertEquals("counter", after.type("parley_relay_messages_in_total"));
      }
    }
  }

  @Test
  void theListenerAnswersOnlyGetMetrics() throws Exception {
    try (Relay relay = RelayFixture.memoryOnly(dir, b -> b.metricsPort(0))) {
      int port = relay.metricsPort().orElseThrow();
      assertEquals(404, get(port, "/").statusCode());
      HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + port + "/metrics"))
          .POST(HttpRequest.BodyPublishers.ofString("x")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(405, post.statusCode());
    }
  }
}

package io.parley.daemon.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.daemon.api.ApiClient.Resp;
import io.parley.daemon.api.ApiFixture.Daemon;
import io.parley.testkit.Await;
import io.parley.agent.testing.TestNetwork;
import io.parley.testkit.LeakCheck;
import io.parley.testkit.PrometheusText;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Info, metrics and the OpenAPI document of a running daemon. */
@ExtendWith(LeakCheck.class)
class OperationsApiTest {
  @Test
  void infoAndMetricsDescribeTheDaemonWithoutSecrets(@TempDir Path dir) throws Exception {
    try (ApiFixture fx = new ApiFixture(dir)) {
      Daemon alice = fx.daemon("alice");
      Daemon bob = fx.daemon("bob");
      fx.network().connect(alice.agent(), bob.agent());

      JsonNode info = alice.client().get("/v1/info").json();
      assertEquals(1, info.get("apiVersion").asInt());
      assertEquals(1, info.get("connections").asInt());
      assertEquals(7 * 24 * 3600, info.get("events").get("retentionSeconds").asLong());
      assertTrue(info.get("events").get("latestSeq").asLong() >= 1);
      JsonNode relays = Await.value("the relay's state",
          () -> alice.client().get("/v1/info").json()
              .get("relays"), r -> r.size() == 1);
      assertTrue(relays.get(0).get("up").asBoolean());

      Resp metrics = alice.client().get("/metrics");
      assertEquals(200, metrics.status());
      assertTrue(metrics.headers().firstValue("Content-Type").orElse("")
          .startsWith("text/plain; version=0.0.4"));
      String text = metrics.body();
      PrometheusText t = PrometheusText.parse(text);
      assertEquals(1.0, t.value("parley_connections", "status", "established"));
      assertEquals("counter", t.type("parley_api_requests_total"));
      assertTrue(t.value("parley_api_requests_total", "code", "200") >= 2);
      String relay = "127.0.0.1:" + fx.network().relay().port();
      assertEquals(1.0, t.value("parley_relay_up", "relay", relay));
      for (String family : new String[] {"parley_events_latest_seq", "parley_events_oldest_seq",
          "parley_event_readers", "parley_outbox_queued", "parley_outbox_oldest_age_seconds",
          "parley_contact_requests_pending", "parley_messages_sent_total",
          "parley_messages_received_total", "parley_messages_failed_total",
          "parley_message_delivery_seconds_count", "parley_message_receive_to_event_seconds_count",
          "parley_relay_reconnects_total", "jvm_memory_used_bytes", "jvm_threads_live_threads",
          "process_cpu_usage", "process_uptime_seconds", "process_files_open_files"}) {
        assertFalse(t.samples(family).isEmpty(), family + " is missing");
      }
      assertFalse(text.contains(alice.token()));
      assertFalse(text.contains("smp://"), "a relay's key hash in a label");
    }
  }

  @Test
  void theDaemonsMetricsMoveWhenMessagesFlowThroughTheApi(@TempDir Path dir) throws Exception {
    try (ApiFixture fx = new ApiFixture(dir)) {
      Daemon alice = fx.daemon("alice");
      Daemon bob = fx.daemon("bob");
      TestNetwork.Pair p = fx.network().connect(alice.agent(), bob.agent());
      PrometheusText aliceBefore = PrometheusText.parse(alice.client().get("/metrics").body());
      PrometheusText bobBefore = PrometheusText.parse(bob.client().get("/metrics").body());

      for (int i = 0; i < 2; i++) {
        Resp sent = alice.client().postText(
            "/v1/connections/" + p.inviterConnection() + "/messages", "m" + i);
        assertEquals(202, sent.status(), sent.body());
      }
      PrometheusText a = Await.value("alice's two deliveries, timed",
          () -> PrometheusText.parse(alice.client().get("/metrics").body()),
          t -> t.value("parley_message_delivery_seconds_count")
              == aliceBefore.value("parley_message_delivery_seconds_count") + 2);
      assertEquals(aliceBefore.value("parley_messages_sent_total") + 2,
          a.value("parley_messages_sent_total"));
      assertTrue(a.value("parley_api_requests_total", "code", "202")
          >= aliceBefore.samples("parley_api_requests_total").stream()
              .filter(s -> "202".equals(s.labels().get("code")))
              .mapToDouble(PrometheusText.Sample::value).sum() + 2);
      PrometheusText b = Await.value("bob's two receptions, timed",
          () -> PrometheusText.parse(bob.client().get("/metrics").body()),
          t -> t.value("parley_message_receive_to_event_seconds_count")
              == bobBefore.value("parley_message_receive_to_event_seconds_count") + 2);
      assertEquals(bobBefore.value("parley_messages_received_total") + 2,
          b.value("parley_messages_received_total"));
    }
  }
}

package io.parley.agent;

import static io.parley.agent.testing.EventRecorder.is;
import static io.parley.agent.testing.EventRecorder.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.parley.agent.event.AgentEvent;
import io.parley.agent.testing.TestNetwork;
import io.parley.agent.testing.TestNetwork.Pair;
import io.parley.agent.testing.TestNetwork.TestAgent;
import io.parley.testkit.Await;
import io.parley.testkit.LeakCheck;
import io.parley.testkit.PrometheusText;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The agent's metrics, recorded into a registry the host program gives it. */
@ExtendWith(LeakCheck.class)
class AgentMetricsTest {
  private static final Duration LONG = Duration.ofSeconds(60);

  @RegisterExtension
  final TestNetwork net = new TestNetwork();

  private static PrometheusText scrape(PrometheusMeterRegistry r) {
    return PrometheusText.parse(r.scrape());
  }

  @Test
  void messagesSentReceivedAndDeliveredAreCountedAndTimedOnBothSides() throws Exception {
    net.relay("relay");
    PrometheusMeterRegistry aliceMetrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    PrometheusMeterRegistry bobMetrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    TestAgent alice = net.agent("alice", List.of(net.relay().address()),
        c -> c.withMeterRegistry(aliceMetrics));
    TestAgent bob = net.agent("bob", List.of(net.relay().address()),
        c -> c.withMeterRegistry(bobMetrics));
    Pair p = net.connect(alice, bob);
    PrometheusText before = scrape(aliceMetrics);
    assertEquals(0.0, before.value("parley_messages_sent_total"));
    assertEquals(0.0, before.value("parley_messages_failed_total"));
    assertEquals("histogram", before.type("parley_message_delivery_seconds"));

    for (int i = 0; i < 3; i++) {
      alice.agent().sendText(p.inviterConnection(), "m" + i, null).get(30, TimeUnit.SECONDS);
    }
    alice.events().awaitCount(status(p.inviterConnection(), "delivered"), 3, LONG);
    bob.events().awaitCount(is(AgentEvent.MESSAGE_RECEIVED, p.joinerConnection()), 3, LONG);

    PrometheusText a = Await.value("alice's delivery timings", () -> scrape(aliceMetrics),
        t -> t.value("parley_message_delivery_seconds_count") == 3.0);
    assertEquals(3.0, a.value("parley_messages_sent_total"));
    assertEquals(3.0, a.value("parley_messages_delivered_total"));
    assertEquals(3.0, a.value("parley_message_delivery_seconds_bucket", "le", "+Inf"));
    String relay = "127.0.0.1:" + net.relay().port();
    assertEquals(1.0, a.value("parley_relay_up", "relay", relay));
    assertEquals(0.0, a.value("parley_relay_reconnects_total", "relay", relay));

    PrometheusText b = Await.value("bob's receive timings", () -> scrape(bobMetrics),
        t -> t.value("parley_message_receive_to_event_seconds_count") == 3.0);
    assertEquals(3.0, b.value("parley_messages_received_total"));
    for (PrometheusText.Sample s : b.samples()) {
      for (String v : s.labels().values()) {
        assertTrue(!v.contains(p.joinerConnection()) && !v.contains("smp://"),
            "a label names a connection or a relay key: " + s);
      }
    }
  }

  @Test
  void aRelayThatGoesDownShowsDownAndItsReturnCountsAsAReconnect() throws Exception {
    net.relay("relay");
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    TestAgent alice = net.agent("alice", List.of(net.relay().address()),
        c -> c.withMeterRegistry(metrics));
    String relay = "127.0.0.1:" + net.relay().port();
    Await.until("the relay is up", () -> scrape(metrics).samples("parley_relay_up").size() == 1
        && scrape(metrics).value("parley_relay_up", "relay", relay) == 1.0);

    net.relay().stop();
    alice.events().await(is(AgentEvent.RELAY_DOWN, null));
    Await.until("the relay is down", () ->
        scrape(metrics).value("parley_relay_up", "relay", relay) == 0.0);
    net.relay().restart();
    Await.until("the relay is back and counted", () -> {
      PrometheusText t = scrape(metrics);
      return t.value("parley_relay_up", "relay", relay) == 1.0
          && t.value("parley_relay_reconnects_total", "relay", relay) == 1.0;
    });
  }

  @Test
  void anAgentGivenNoRegistryRecordsIntoAnEmptyCompositeThatAHostCanExtendLater()
      throws Exception {
    net.relay("relay");
    TestAgent alice = net.agent("alice");
    CompositeMeterRegistry composite =
        assertInstanceOf(CompositeMeterRegistry.class, alice.agent().meterRegistry());
    PrometheusMeterRegistry late = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    composite.add(late);
    TestAgent bob = net.agent("bob");
    Pair p = net.connect(alice, bob);
    alice.agent().sendText(p.inviterConnection(), "hi", null).get(30, TimeUnit.SECONDS);
    Await.until("the send is counted in the added registry", () ->
        scrape(late).value("parley_messages_sent_total") == 1.0);
  }
}

package io.parley.daemon.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.daemon.api.ApiClient.Resp;
import io.parley.daemon.api.ApiFixture.Daemon;
import io.parley.testkit.Await;
import io.parley.testkit.LeakCheck;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Info, metrics and the OpenAPI document of a running daemon. */
@ExtendWith(LeakCheck.class)
class OperationsApiTest {
  private static final Pattern SAMPLE = Pattern.compile(
      "[a-z_]+(\\{[a-z]+=\"[^\"]*\"\\})? -?[0-9]+");

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
      assertTrue(text.contains("parley_connections{status=\"established\"} 1"), text);
      assertTrue(text.contains("# TYPE parley_api_requests_total counter"), text);
      assertTrue(text.contains("parley_relay_up{relay=\""), text);
      for (String line : text.split("\n")) {
        assertTrue(line.startsWith("# ") || SAMPLE.matcher(line).matches(), line);
      }
      assertFalse(text.contains(alice.token()));
    }
  }
}

package io.parley.daemon.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.agent.testing.TestNetwork;
import io.parley.daemon.api.ApiClient.Resp;
import io.parley.daemon.api.ApiFixture.Daemon;
import io.parley.protocol.transport.RelayAddress;
import io.parley.relay.testing.RelayFixture;
import io.parley.testkit.Await;
import io.parley.testkit.LeakCheck;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /v1/connections/{id}/rotate}: the answer, the typed errors and the event. */
@ExtendWith(LeakCheck.class)
class RotateApiTest {
  @Test
  void rotateAnswers202WithTheNewQueueThenConnectionRotatedAndRefusesWhatItCannotDo(
      @TempDir Path dir) throws Exception {
    try (ApiFixture fx = new ApiFixture(dir)) {
      TestNetwork net = fx.network();
      RelayFixture second = net.relay("second");
      List<RelayAddress> two = List.of(net.relay().address(), second.address());
      Daemon alice = fx.attach(net.agent("alice", two), b -> b);
      Daemon bob = fx.attach(net.agent("bob", two), b -> b);

      Resp inv = alice.client().post("/v1/invitations", Map.of());
      assertEquals(201, inv.status(), inv.body());
      String conn = inv.json().get("connectionId").asText();
      Resp notYet = alice.client().post("/v1/connections/" + conn + "/rotate", Map.of());
      assertEquals(409, notYet.status(), notYet.body());
      assertEquals("not_established", notYet.json().get("error").get("code").asText());

      assertEquals(201, bob.client().post("/v1/connections",
          Map.of("link", inv.json().get("link").asText())).status());
      Await.value("alice's connection established",
          () -> alice.client().get("/v1/connections/" + conn).json(),
          c -> "established".equals(c.get("status").asText())
              && c.get("queues").size() == 4 && c.get("queues").findValuesAsText("state")
              .stream().allMatch("active"::equals));

      Resp unknown = alice.client().post("/v1/connections/nope/rotate", Map.of());
      assertEquals(404, unknown.status(), unknown.body());
      Resp badRelay = alice.client().post("/v1/connections/" + conn + "/rotate",
          Map.of("relay", "127.0.0.1:1"));
      assertEquals(422, badRelay.status(), badRelay.body());
      assertEquals("unknown_relay", badRelay.json().get("error").get("code").asText());

      String target = "127.0.0.1:" + second.port();
      Resp started = alice.client().post("/v1/connections/" + conn + "/rotate",
          Map.of("relay", target));
      assertEquals(202, started.status(), started.body());
      assertEquals("started", started.json().get("state").asText());
      assertEquals(target, started.json().get("relay").asText());
      assertFalse(started.body().contains("smp://"), "no queue address in the answer");

      JsonNode done = Await.value("alice's rotation over",
          () -> alice.client().get("/v1/connections/" + conn).json(),
          c -> c.get("queues").size() == 4 && c.get("queues").findValuesAsText("state")
              .stream().allMatch("active"::equals));
      assertEquals(4, done.get("queues").size());
      Resp events = Await.value("connection.rotated", () -> alice.client()
          .get("/v1/events?types=connection.rotated"),
          r -> r.status() == 200 && r.body().contains("connection.rotated"));
      assertFalse(events.body().contains("queue"), "the event names no queue: " + events.body());
    }
  }
}

package io.parley.daemon.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parley.agent.internal.store.StoreFaults;
import io.parley.agent.internal.store.StoreFaults.Kind;
import io.parley.agent.internal.store.StoreFaults.Step;
import io.parley.daemon.api.ApiClient.Resp;
import io.parley.daemon.api.ApiFixture.Daemon;
import io.parley.testkit.Await;
import io.parley.testkit.LeakCheck;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A daemon whose store cannot commit answers 503 and stores nothing; never a silent 2xx. */
@ExtendWith(LeakCheck.class)
class StoreFailureApiTest {
  /** UNIT: milliseconds. */
  private static final long BUSY_TIMEOUT_MILLIS = 200;

  @Test
  void aWriteTheStoreCannotCommitIs503AndLeavesNothingBehind(@TempDir Path dir)
      throws Exception {
    try (ApiFixture fx = new ApiFixture(dir)) {
      Daemon alice = fx.daemon("alice", b -> b.storeBusyTimeoutMillis(BUSY_TIMEOUT_MILLIS));
      long head = alice.client().get("/v1/events?after=latest").json().get("next").asLong();
      Resp blocked;
      try (Connection lock = DriverManager.getConnection("jdbc:sqlite:"
              + alice.agent().dataDir().resolve("parley.db"));
          Statement s = lock.createStatement()) {
        // Another writer holds the database past the API's busy timeout.
        s.execute("BEGIN EXCLUSIVE");
        blocked = alice.client().post("/v1/consumers/bot/ack", Map.of("seq", head));
        s.execute("ROLLBACK");
      }
      assertEquals(503, blocked.status(), blocked.body());
      assertEquals("store_unavailable", blocked.errorCode());
      assertEquals(404, alice.client().get("/v1/consumers/bot").status(), "nothing was stored");
      assertEquals(200, alice.client().post("/v1/consumers/bot/ack", Map.of("seq", head))
          .status());
    }
  }

  @Test
  void healthAndReadyAre503WithTheReasonWhileWritesFailAnd200OnceTheyWorkAgain(
      @TempDir Path dir) throws Exception {
    try (ApiFixture fx = new ApiFixture(dir)) {
      Path data = fx.network().dataDir("alice");
      StoreFaults faults = StoreFaults.install(data);
      try {
        Daemon alice = fx.daemon("alice");
        assertEquals(200, alice.client().get("/v1/health").status());
        Await.value("ready once the relay answered",
            () -> alice.client().get("/v1/ready"), r -> r.status() == 200);

        faults.fail(Step.BEGIN, Kind.DISK_FULL);
        Resp refused = alice.client().post("/v1/invitations", Map.of());
        assertEquals(503, refused.status(), refused.body());
        Resp health = alice.client().get("/v1/health");
        assertEquals(503, health.status(), health.body());
        assertEquals("unavailable", health.json().get("status").asText());
        assertEquals("disk full", health.json().get("reason").asText());
        Resp ready = alice.client().get("/v1/ready");
        assertEquals(503, ready.status(), ready.body());
        assertEquals("not_ready", ready.json().get("status").asText());
        assertEquals("disk full", ready.json().get("reason").asText());

        faults.heal();
        assertEquals(201, alice.client().post("/v1/invitations", Map.of()).status());
        assertEquals(200, alice.client().get("/v1/health").status());
        assertEquals(200, alice.client().get("/v1/ready").status());
      } finally {
        StoreFaults.uninstall(data);
      }
    }
  }

  @Test
  void readyIs503RelaysDownWhileEveryRelayIsDownAndHealthStays200(@TempDir Path dir)
      throws Exception {
    try (ApiFixture fx = new ApiFixture(dir)) {
      Daemon alice = fx.daemon("alice");
      assertEquals(201, alice.client().post("/v1/invitations", Map.of()).status());
      Await.value("ready while the relay is up",
          () -> alice.client().get("/v1/ready"), r -> r.status() == 200);

      fx.network().relay().stop();
      Resp ready = Await.value("not ready once the relay is down",
          () -> alice.client().get("/v1/ready"), r -> r.status() == 503);
      assertEquals("relays down", ready.json().get("reason").asText());
      assertEquals(200, alice.client().get("/v1/health").status());

      fx.network().relay().restart();
      Await.value("ready again once the relay is back",
          () -> alice.client().get("/v1/ready"), r -> r.status() == 200);
    }
  }
}

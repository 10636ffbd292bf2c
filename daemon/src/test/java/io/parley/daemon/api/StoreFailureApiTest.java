package io.parley.daemon.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parley.daemon.api.ApiClient.Resp;
import io.parley.daemon.api.ApiFixture.Daemon;
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
}

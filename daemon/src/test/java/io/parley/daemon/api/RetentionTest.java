package io.parley.daemon.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.daemon.api.ApiClient.Resp;
import io.parley.daemon.api.ApiFixture.Daemon;
import io.parley.testkit.Await;
import io.parley.testkit.LeakCheck;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Events older than the retention period go, and cursors into the gap get 410. */
@ExtendWith(LeakCheck.class)
class RetentionTest {
  @Test
  void aCursorOlderThanRetentionIs410WithTheOldestSeqWhileZeroStillReads(@TempDir Path dir)
      throws Exception {
    try (ApiFixture fx = new ApiFixture(dir)) {
      Daemon alice = fx.daemon("alice");
      Daemon bob = fx.daemon("bob");
      fx.network().connect(alice.agent(), bob.agent());
      long head = alice.client().get("/v1/events?after=latest").json().get("next").asLong();
      assertTrue(head >= 2, "the handshake logged events");
      assertEquals(200, alice.client().get("/v1/events?after=1").status());

      fx.stopApi(alice);
      Clock eightDaysOn = Clock.offset(Clock.system(ZoneOffset.UTC), Duration.ofDays(8));
      Daemon later = fx.attach(alice.agent(), b -> b.clock(eightDaysOn));
      Resp expired = Await.value("retention to delete the old events",
          () -> later.client().get("/v1/events?after=1"), r -> r.status() == 410);
      assertEquals("cursor_expired", expired.errorCode());
      assertEquals(head + 1, expired.json().get("error").get("oldestSeq").asLong());
      Resp fromStart = later.client().get("/v1/events?after=0");
      assertEquals(200, fromStart.status());
      // Only what was committed after the cutoff (late handshake events) is left.
      fromStart.json().get("events").forEach(e -> assertTrue(e.get("seq").asLong() > head,
          head + " " + fromStart.body()));
      assertTrue(fromStart.json().get("next").asLong() >= head);
      assertEquals(200, later.client().get("/v1/events?after=" + head).status());
      assertEquals(head + 1, later.client().get("/v1/info").json().get("events")
          .get("oldestSeq").asLong());
      assertEquals(410, later.client().get("/v1/events/sse?after=1").status());
    }
  }
}

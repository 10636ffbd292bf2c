package io.parley.relay.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.parley.protocol.command.QueueMode;
import io.parley.protocol.command.Response;
import io.parley.relay.Relay;
import io.parley.relay.client.BlockingRelayClient;
import io.parley.relay.client.ClientQueue;
import io.parley.relay.config.RelayConfig;
import io.parley.relay.testing.RelayFixture;
import io.parley.testkit.Await;
import io.parley.testkit.LeakCheck;
import io.parley.testkit.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(LeakCheck.class)
class ExpiryTest {
  @TempDir Path dir;

  @Test
  void messagesOlderThanTheTtlAreDeletedAndYoungerOnesAreDelivered() throws Exception {
    SettableClock clock = new SettableClock(Instant.parse("2026-01-01T00:00:00Z"));
    try (Relay relay = RelayFixture.memoryOnly(dir, b -> b.clock(clock).expiryCheckIntervalMillis(50));
        BlockingRelayClient r = BlockingRelayClient.connect(relay.address());
        BlockingRelayClient s = BlockingRelayClient.connect(relay.address())) {
      ClientQueue q = r.createQueue(false, QueueMode.MESSAGING);
      assertInstanceOf(Response.Ok.class,
          s.request(s.sendMessage(q.senderId(), null, false, new byte[] {1})));
      clock.advance(Duration.ofDays(20));
      assertInstanceOf(Response.Ok.class,
          s.request(s.sendMessage(q.senderId(), null, false, new byte[] {2})));
      clock.advance(Duration.ofDays(1).plusSeconds(1));
      long ttlDays = RelayConfig.DEFAULT_MESSAGE_TTL_SECONDS / 86_400;
      Await.until("the " + ttlDays + "-day-old message expired", Duration.ofSeconds(10),
          () -> relay.counters().messagesExpired() == 1);

      assertInstanceOf(Response.Ok.class,
          r.request(r.subscribe(q.recipientId(), q.recipientAuth().privateKey())));
      Response.Msg m = assertInstanceOf(Response.Msg.class, r.receive().response());
      assertArrayEquals(new byte[] {2}, q.open(m).body());
    }
  }
}

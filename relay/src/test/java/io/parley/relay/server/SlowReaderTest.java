package io.parley.relay.server;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.protocol.Transmission;
import io.parley.protocol.command.QueueMode;
import io.parley.protocol.command.Response;
import io.parley.protocol.crypto.X25519;
import io.parley.relay.Relay;
import io.parley.relay.client.BlockingRelayClient;
import io.parley.relay.client.Reply;
import io.parley.relay.testing.RelayFixture;
import io.parley.testkit.Await;
import io.parley.testkit.LeakCheck;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(LeakCheck.class)
class SlowReaderTest {
  /** Enough 16 KB deliveries to overflow every socket buffer between relay and client. */
  static final int QUEUES = 2000;
  static final long MAX_PING_MILLIS = 1000;

  @TempDir Path dir;

  @Test
  void aClientThatStopsReadingDoesNotSlowAnotherClientAndIsServedOnceItReadsAgain()
      throws Exception {
    try (Relay relay = RelayFixture.memoryOnly(dir, b -> b.maxNewQueuesPerConnectionPerMinute(100_000));
        BlockingRelayClient slow = BlockingRelayClient.connect(relay.address());
        BlockingRelayClient sender = BlockingRelayClient.connect(relay.address());
        BlockingRelayClient other = BlockingRelayClient.connect(relay.address())) {
      X25519.KeyPair auth = X25519.generate();
      X25519.KeyPair dh = X25519.generate();
      List<Transmission> news = new ArrayList<>();
      for (int i = 0; i < QUEUES; i++) {
        news.add(slow.newQueue(auth.privateKey(), auth.publicKey(), dh.publicKey(), true,
            QueueMode.CONTACT));
      }
      slow.send(news);
      List<Transmission> sends = new ArrayList<>();
      for (int i = 0; i < QUEUES; i++) {
        Response.Ids ids = assertInstanceOf(Response.Ids.class, slow.receive().response());
        sends.add(sender.sendMessage(ids.senderId(), null, false, new byte[100]));
      }
      // From here on the slow client reads nothing while 2000 MSGs (32 MB) are due to it.
      sender.send(sends);
      for (int i = 0; i < QUEUES; i++) {
        assertInstanceOf(Response.Ok.class, sender.receive().response());
      }
      Await.until("the relay holds back deliveries to the slow client", Duration.ofSeconds(20),
          () -> relay.counters().deliveriesDeferred() > 0);
      for (int i = 0; i < 20; i++) {
        long start = System.nanoTime();
        assertInstanceOf(Response.Pong.class, other.request(other.ping()));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < MAX_PING_MILLIS, "PING took " + millis + " ms");
      }

      int delivered = 0;
      while (delivered < QUEUES) {
        Reply r = slow.receive();
        assertInstanceOf(Response.Msg.class, r.response());
        delivered++;
      }
      assertInstanceOf(Response.Pong.class, slow.request(slow.ping()));
    }
  }
}

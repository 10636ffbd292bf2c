package io.parley.relay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.protocol.Transmission;
import io.parley.protocol.command.QueueMode;
import io.parley.protocol.command.Response;
import io.parley.protocol.transport.RelayAddress;
import io.parley.relay.client.BlockingRelayClient;
import io.parley.relay.client.ClientQueue;
import io.parley.relay.client.Reply;
import io.parley.relay.config.RelayConfig;
import io.parley.relay.store.StoreConfig.FsyncPolicy;
import io.parley.relay.testing.RelayFixture;
import io.parley.relay.testing.RelayProcess;
import io.parley.testkit.LeakCheck;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** What survives a graceful restart, a kill -9, and what a graceful close still answers. */
@ExtendWith(LeakCheck.class)
class RelayRestartTest {
  @TempDir Path dir;

  private RelayConfig persistent() {
    return RelayFixture.config(dir).persistent(true).fsync(FsyncPolicy.ALWAYS).queueQuota(1000)
        .build();
  }

  private static byte[] body(int i) {
    return new byte[] {(byte) i, (byte) (i >> 8)};
  }

  /** Subscribes and drains the queue, returning the bodies in order. */
  private static List<Integer> drain(RelayAddress address, ClientQueue q) throws Exception {
    List<Integer> bodies = new ArrayList<>();
    try (BlockingRelayClient r = BlockingRelayClient.connect(address)) {
      byte[] rk = q.recipientAuth().privateKey();
      assertInstanceOf(Response.Ok.class, r.request(r.subscribe(q.recipientId(), rk)));
      while (true) {
        Transmission ping = r.ping();
        r.send(ping);
        Reply next = r.receive();
        if (next.response() instanceof Response.Pong) {
          return bodies;
        }
        Response.Msg m = assertInstanceOf(Response.Msg.class, next.response());
        byte[] b = q.open(m).body();
        bodies.add((b[0] & 0xFF) | (b[1] & 0xFF) << 8);
        assertInstanceOf(Response.Pong.class, r.receive().response());
        assertInstanceOf(Response.Ok.class, r.request(r.ack(q.recipientId(), rk, m.msgId())));
      }
    }
  }

  @Test
  void undeliveredAndUnacknowledgedMessagesSurviveAGracefulRestart() throws Exception {
    ClientQueue q;
    byte[] firstId;
    try (Relay relay = Relay.start(persistent());
        BlockingRelayClient c = BlockingRelayClient.connect(relay.address())) {
      q = c.createQueue(false, QueueMode.MESSAGING);
      for (int i = 0; i < 3; i++) {
        assertInstanceOf(Response.Ok.class,
            c.request(c.sendMessage(q.senderId(), null, false, body(i))));
      }
      assertInstanceOf(Response.Ok.class,
          c.request(c.subscribe(q.recipientId(), q.recipientAuth().privateKey())));
      firstId = assertInstanceOf(Response.Msg.class, c.receive().response()).msgId();
    }
    try (Relay relay = Relay.start(persistent());
        BlockingRelayClient r = BlockingRelayClient.connect(relay.address())) {
      assertInstanceOf(Response.Ok.class,
          r.request(r.subscribe(q.recipientId(), q.recipientAuth().privateKey())));
      Response.Msg m = assertInstanceOf(Response.Msg.class, r.receive().response());
      assertArrayEquals(firstId, m.msgId());
      assertEquals(List.of(0, 1, 2), drain(relay.address(), q));
    }
  }

  @Test
  void gracefulCloseAnswersEveryCommandItAcceptedThenClosesConnectionsAndStopsListening()
      throws Exception {
    int sends = 300;
    ClientQueue q;
    int oks = 0;
    int port;
    try (Relay relay = Relay.start(persistent());
        BlockingRelayClient c = BlockingRelayClient.connect(relay.address())) {
      port = relay.port();
      q = c.createQueue(false, QueueMode.MESSAGING);
      List<Transmission> batch = new ArrayList<>();
      for (int i = 0; i < sends; i++) {
        batch.add(c.sendMessage(q.senderId(), null, false, body(i)));
      }
      c.send(batch);
      relay.close();
      try {
        while (true) {
          assertInstanceOf(Response.Ok.class, c.receive().response());
          oks++;
        }
      } catch (IOException closed) {
        // the relay closed the connection after answering
      }
      RelayAddress old = relay.address();
      assertThrows(IOException.class, () -> BlockingRelayClient.connect(old));
    }
    try (Relay relay = Relay.start(persistent())) {
      List<Integer> stored = drain(relay.address(), q);
      assertEquals(oks, stored.size(), "every OK is stored, nothing unanswered is");
      for (int i = 0; i < stored.size(); i++) {
        assertEquals(i, stored.get(i));
      }
      assertTrue(port > 0);
    }
  }

  @Test
  void messagesAcknowledgedWithOkSurviveKillDashNine() throws Exception {
    RelayFixture.config(dir); // writes the identity
    int count = 20;
    ClientQueue q;
    try (RelayProcess relay = RelayProcess.start(dir, "--host", "127.0.0.1", "--port", "0");
        BlockingRelayClient c = BlockingRelayClient.connect(relay.address())) {
      q = c.createQueue(false, QueueMode.MESSAGING);
      for (int i = 0; i < count; i++) {
        assertInstanceOf(Response.Ok.class,
            c.request(c.sendMessage(q.senderId(), null, false, body(i))));
      }
      relay.kill();
    }
    try (RelayProcess relay = RelayProcess.start(dir, "--host", "127.0.0.1", "--port", "0")) {
      List<Integer> expected = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        expected.add(i);
      }
      assertEquals(expected, drain(relay.address(), q));
    }
  }
}

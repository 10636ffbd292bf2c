package io.parley.relay.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.protocol.ErrorCode;
import io.parley.protocol.ProtocolLimits;
import io.parley.protocol.command.QueueMode;
import io.parley.protocol.command.Response;
import io.parley.protocol.testing.TestIdentities;
import io.parley.protocol.transport.HandshakeException;
import io.parley.protocol.transport.RelayAddress;
import io.parley.protocol.transport.RelayIdentityMismatchException;
import io.parley.relay.Relay;
import io.parley.relay.client.BlockingRelayClient;
import io.parley.relay.client.Reply;
import io.parley.relay.client.UnexpectedReplyException;
import io.parley.relay.testing.RelayFixture;
import io.parley.testkit.Await;
import io.parley.testkit.LeakCheck;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Connection-level limits and hostile input: none of it takes the relay down. */
@ExtendWith(LeakCheck.class)
class ConnectionLimitsTest {
  @TempDir Path dir;

  private static void assertClosedByRelay(BlockingRelayClient c) {
    assertThrows(IOException.class, () -> {
      while (true) {
        c.receive();
      }
    });
  }

  @Test
  void aBlockThatDoesNotDecodeIsAnsweredErrBlockAndClosedWhileOthersAreStillServed()
      throws Exception {
    try (Relay relay = RelayFixture.memoryOnly(dir);
        BlockingRelayClient bad = BlockingRelayClient.connect(relay.address());
        BlockingRelayClient good = BlockingRelayClient.connect(relay.address())) {
      byte[] garbage = new byte[ProtocolLimits.BLOCK_BYTES];
      Arrays.fill(garbage, (byte) 0xFF); // padding length 65535 overruns the block
      bad.sendRaw(garbage);
      Reply r = bad.receive();
      assertEquals(new Response.Err(ErrorCode.BLOCK), r.response());
      assertArrayEquals(new byte[0], r.corrId());
      assertClosedByRelay(bad);
      assertInstanceOf(Response.Pong.class, good.request(good.ping()));
      try (BlockingRelayClient later = BlockingRelayClient.connect(relay.address())) {
        assertInstanceOf(Response.Pong.class, later.request(later.ping()));
      }
    }
  }

  @Test
  void aWrongKeyHashFailsTheConnectionWithAClearError() throws Exception {
    try (Relay relay = RelayFixture.memoryOnly(dir)) {
      RelayAddress wrong = new RelayAddress(TestIdentities.other().keyHash(), "127.0.0.1",
          relay.port());
      HandshakeException e = assertThrows(HandshakeException.class,
          () -> BlockingRelayClient.connect(wrong));
      assertEquals(HandshakeException.Reason.IDENTITY, e.reason());
      assertTrue(e.getMessage().contains(RelayIdentityMismatchException.MESSAGE), e.getMessage());
    }
  }

  @Test
  void connectionsBeyondTheLimitAreRefusedUntilOneCloses() throws Exception {
    try (Relay relay = RelayFixture.memoryOnly(dir, b -> b.maxConnections(2))) {
      BlockingRelayClient a = BlockingRelayClient.connect(relay.address());
      try (BlockingRelayClient b = BlockingRelayClient.connect(relay.address())) {
        assertThrows(IOException.class, () -> BlockingRelayClient.connect(relay.address()));
        a.close();
        Await.until("a slot is free again", Duration.ofSeconds(10), () -> {
          try (BlockingRelayClient c = BlockingRelayClient.connect(relay.address())) {
            return c.request(c.ping()) instanceof Response.Pong;
          } catch (IOException | HandshakeException e) {
            return false;
          }
        });
        assertInstanceOf(Response.Pong.class, b.request(b.ping()));
      }
      assertTrue(relay.counters().connectionsRefused() >= 1);
    }
  }

  @Test
  void connectionsBeyondThePendingHandshakeCapAreRefusedAtOnceWhileSessionsAreServed()
      throws Exception {
    // A deadline far beyond the test: only the cap can close the third connection.
    try (Relay relay = RelayFixture.memoryOnly(dir,
            b -> b.maxPendingHandshakes(2).tlsHandshakeTimeoutMillis(60_000));
        BlockingRelayClient session = BlockingRelayClient.connect(relay.address())) {
      // Answered only once the relay has finished this connection's handshake.
      assertInstanceOf(Response.Pong.class, session.request(session.ping()));
      try (Socket silent1 = connectRaw(relay); Socket silent2 = connectRaw(relay)) {
        Await.until("both silent connections are admitted", Duration.ofSeconds(10),
            () -> relay.counters().connectionsAccepted() == 3);
        try (Socket refused = connectRaw(relay)) {
          refused.setSoTimeout(10_000);
          long start = System.nanoTime();
          assertClosedByPeer(refused);
          assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos());
        }
        assertEquals(1, relay.counters().connectionsRefusedHandshakesPending());
        assertInstanceOf(Response.Pong.class, session.request(session.ping()));
        silent1.close();
        Await.until("the closed connection's handshake slot is free", Duration.ofSeconds(10),
            () -> answersPing(relay));
      }
    }
  }

  private static boolean answersPing(Relay relay) {
    try (BlockingRelayClient c = BlockingRelayClient.connect(relay.address())) {
      return c.request(c.ping()) instanceof Response.Pong;
    } catch (IOException | HandshakeException e) {
      return false;
    }
  }

  private static Socket connectRaw(Relay relay) throws IOException {
    Socket s = new Socket();
    s.connect(new InetSocketAddress("127.0.0.1", relay.port()));
    return s;
  }

  /** End of stream or a reset: either way the relay closed the connection. */
  private static void assertClosedByPeer(Socket s) throws IOException {
    try {
      assertEquals(-1, s.getInputStream().read());
    } catch (java.net.SocketException reset) {
      // refused with a reset
    }
  }

  @Test
  void aConnectionThatNeverCompletesTheHandshakeIsClosedAtTheDeadline() throws Exception {
    try (Relay relay = RelayFixture.memoryOnly(dir, b -> b.tlsHandshakeTimeoutMillis(300));
        Socket raw = new Socket()) {
      raw.connect(new InetSocketAddress("127.0.0.1", relay.port()));
      raw.setSoTimeout(10_000);
      raw.getOutputStream().write(new byte[] {0x16, 0x03, 0x01}); // half a TLS record header
      InputStream in = raw.getInputStream();
      long start = System.nanoTime();
      try {
        while (in.read() != -1) {
          // a TLS alert may precede the close
        }
      } catch (java.net.SocketException reset) {
        // closed by the relay just as well
      }
      assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos());
    }
  }

  @Test
  void anIdleConnectionWithoutSubscriptionsIsClosedButASubscribedOneStays() throws Exception {
    // Long enough that a loaded machine connects and subscribes (or pings) within it.
    try (Relay relay = RelayFixture.memoryOnly(dir, b -> b.idleTimeoutMillis(1500));
        BlockingRelayClient subscribed = BlockingRelayClient.connect(relay.address())) {
      // Subscribe before the second TLS handshake, which on a loaded machine takes a while.
      subscribed.createQueue(true, QueueMode.MESSAGING);
      try (BlockingRelayClient idle = BlockingRelayClient.connect(relay.address())) {
        assertInstanceOf(Response.Pong.class, idle.request(idle.ping()));
        // Both are now idle; the relay closes only the one without subscriptions.
        assertClosedByRelay(idle);
      }
      assertInstanceOf(Response.Pong.class, subscribed.request(subscribed.ping()));
    }
  }

  @Test
  void newQueuesBeyondThePerConnectionRateAreAnsweredQuotaWhileOtherConnectionsMayCreate()
      throws Exception {
    try (Relay relay = RelayFixture.memoryOnly(dir, b -> b.maxNewQueuesPerConnectionPerMinute(3));
        BlockingRelayClient greedy = BlockingRelayClient.connect(relay.address());
        BlockingRelayClient other = BlockingRelayClient.connect(relay.address())) {
      for (int i = 0; i < 3; i++) {
        greedy.createQueue(false, QueueMode.MESSAGING);
      }
      UnexpectedReplyException e = assertThrows(UnexpectedReplyException.class,
          () -> greedy.createQueue(false, QueueMode.MESSAGING));
      assertEquals(new Response.Err(ErrorCode.QUOTA), e.response());
      other.createQueue(false, QueueMode.MESSAGING);
    }
  }
}

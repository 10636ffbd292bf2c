package io.parley.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.protocol.command.QueueMode;
import io.parley.protocol.command.Response;
import io.parley.relay.client.BlockingRelayClient;
import io.parley.relay.client.ClientQueue;
import io.parley.relay.config.RelayConfig;
import io.parley.relay.store.StoreConfig.FsyncPolicy;
import io.parley.relay.testing.RelayFixture;
import io.parley.relay.testing.RelayProcess;
import io.parley.testkit.LeakCheck;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** One relay per data directory, in one process or across processes. */
@ExtendWith(LeakCheck.class)
class DataDirectoryLockTest {
  @TempDir Path dir;

  private RelayConfig persistent() {
    return RelayFixture.config(dir).persistent(true).fsync(FsyncPolicy.ALWAYS).build();
  }

  @Test
  void aSecondRelayOnTheSameDataDirectoryIsRefusedNamingItUntilTheFirstCloses()
      throws Exception {
    ClientQueue q;
    try (Relay first = Relay.start(persistent())) {
      RelayDirectoryInUseException e =
          assertThrows(RelayDirectoryInUseException.class, () -> Relay.start(persistent()));
      assertEquals(dir, e.directory());
      assertEquals("another relay is already running on the data directory " + dir
          + "; stop it first or use another directory", e.getMessage());
      try (BlockingRelayClient c = BlockingRelayClient.connect(first.address())) {
        q = c.createQueue(false, QueueMode.MESSAGING);
        assertInstanceOf(Response.Ok.class,
            c.request(c.sendMessage(q.senderId(), null, false, new byte[] {7})));
      }
    }
    try (Relay second = Relay.start(persistent());
        BlockingRelayClient c = BlockingRelayClient.connect(second.address())) {
      assertInstanceOf(Response.Ok.class,
          c.request(c.subscribe(q.recipientId(), q.recipientAuth().privateKey())));
      assertInstanceOf(Response.Msg.class, c.receive().response());
    }
  }

  @Test
  void aSecondRelayProcessExitsNonZeroWithTheDirectoryInItsErrorAndStartsOnceTheFirstStops()
      throws Exception {
    try (Relay first = Relay.start(persistent())) {
      RelayProcess.Refusal refused =
          RelayProcess.startExpectingRefusal(dir, "--host", "127.0.0.1", "--port", "0");
      assertEquals(1, refused.exitCode(), refused.stderr());
      assertTrue(refused.stderr().contains("error: another relay is already running on the "
          + "data directory " + dir), refused.stderr());
      assertFalse(refused.stderr().toLowerCase(Locale.ROOT).contains("lock"), refused.stderr());
      assertTrue(first.port() > 0);
    }
    try (RelayProcess next = RelayProcess.start(dir, "--host", "127.0.0.1", "--port", "0")) {
      assertEquals("relay stopped\n", next.terminate());
    }
  }
}

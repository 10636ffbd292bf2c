package io.parley.daemon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.daemon.config.DaemonConfig;
import io.parley.protocol.transport.RelayAddress;
import io.parley.testkit.LeakCheck;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(LeakCheck.class)
class EmbeddedRelayTest {
  @TempDir Path data;

  @Test
  void aRestartKeepsTheIdentityAndThePortSoTheAddressIsUnchanged() throws IOException {
    RelayAddress first;
    try (EmbeddedRelay relay = EmbeddedRelay.start(data, DaemonConfig.PORT_REMEMBERED)) {
      first = relay.address();
      assertEquals(EmbeddedRelay.LOOPBACK, first.host());
      assertTrue(first.port() > 0);
    }
    assertTrue(Files.isDirectory(data.resolve("relay/identity")));
    try (EmbeddedRelay relay = EmbeddedRelay.start(data, DaemonConfig.PORT_REMEMBERED)) {
      assertEquals(first, relay.address());
    }
  }

  @Test
  void anExplicitPortIsUsedAndRememberedForLaterStarts() throws IOException {
    int port = freePort();
    try (EmbeddedRelay relay = EmbeddedRelay.start(data, port)) {
      assertEquals(port, relay.port());
    }
    try (EmbeddedRelay relay = EmbeddedRelay.start(data, DaemonConfig.PORT_REMEMBERED)) {
      assertEquals(port, relay.port());
    }
  }

  @Test
  void aTakenRememberedPortFailsWithAnExplanationInsteadOfMovingTheRelay() throws IOException {
    int port;
    try (EmbeddedRelay relay = EmbeddedRelay.start(data, DaemonConfig.PORT_REMEMBERED)) {
      port = relay.port();
    }
    try (ServerSocket squatter = new ServerSocket(port, 1,
        java.net.InetAddress.getByName(EmbeddedRelay.LOOPBACK))) {
      IOException e = assertThrows(IOException.class,
          () -> EmbeddedRelay.start(data, DaemonConfig.PORT_REMEMBERED));
      assertTrue(e.getMessage().contains("port " + port + " (remembered"), e.getMessage());
      assertTrue(e.getMessage().contains("--relay-port"), e.getMessage());
    }
  }

  @Test
  void aHalfWrittenIdentityFromACrashedFirstStartIsReplaced() throws IOException {
    Path partial = data.resolve("relay/identity.new");
    Files.createDirectories(partial);
    Files.writeString(partial.resolve("identity.crt"), "truncated");
    try (EmbeddedRelay relay = EmbeddedRelay.start(data, DaemonConfig.PORT_REMEMBERED)) {
      assertTrue(relay.port() > 0);
    }
    assertTrue(Files.notExists(partial));
  }

  @Test
  void aCorruptPortFileIsReportedRatherThanSilentlyReplaced() throws IOException {
    Files.createDirectories(data.resolve(EmbeddedRelay.DIR));
    Files.writeString(data.resolve(EmbeddedRelay.DIR).resolve(EmbeddedRelay.PORT_FILE),
        "port=banana\n");
    IOException e = assertThrows(IOException.class,
        () -> EmbeddedRelay.start(data, DaemonConfig.PORT_REMEMBERED));
    assertTrue(e.getMessage().contains("valid port"), e.getMessage());
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}

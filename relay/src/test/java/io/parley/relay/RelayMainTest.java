package io.parley.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.protocol.command.Response;
import io.parley.protocol.transport.RelayAddress;
import io.parley.relay.client.BlockingRelayClient;
import io.parley.relay.config.ConfigFile;
import io.parley.relay.testing.RelayProcess;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RelayMainTest {
  @TempDir Path dir;

  /** Exit code, stdout and stderr of one in-process run. */
  private record Run(int code, String out, String err) {
    List<String> outLines() {
      return out.lines().toList();
    }
  }

  private static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = RelayMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(code, out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8));
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Test
  void initPrintsTheAddressLastAndStartServesThatAddressUntilSigterm() throws Exception {
    int port = freePort();
    Run init = run("init", "--dir", dir.toString(), "--host", "127.0.0.1", "--port",
        String.valueOf(port));
    assertEquals(0, init.code(), init.err());
    List<String> lines = init.outLines();
    RelayAddress address = RelayAddress.parse(lines.get(lines.size() - 1));
    assertEquals(port, address.port());
    assertTrue(Files.readString(dir.resolve(ConfigFile.FILE_NAME)).contains("port=" + port));

    try (RelayProcess relay = RelayProcess.start(dir)) {
      assertEquals(address, relay.address());
      try (BlockingRelayClient c = BlockingRelayClient.connect(address)) {
        assertInstanceOf(Response.Pong.class, c.request(c.ping()));
      }
      assertEquals("relay stopped\n", relay.terminate(), "graceful close ran on SIGTERM");
    }
  }

  @Test
  void aSigtermedRelayDrainsExitsZeroAndLogsItsShutdownCounters() throws Exception {
    assertEquals(0, run("init", "--dir", dir.toString(), "--host", "127.0.0.1", "--port",
        String.valueOf(freePort())).code());
    try (RelayProcess relay = RelayProcess.start(dir)) {
      try (BlockingRelayClient c = BlockingRelayClient.connect(relay.address())) {
        assertInstanceOf(Response.Pong.class, c.request(c.ping()));
      }
      RelayProcess.Termination end = relay.terminateWithStatus();
      assertEquals(0, end.exitCode(), "exit status after SIGTERM; log:\n" + relay.log());
      assertEquals("relay stopped\n", end.stdout());
      String log = relay.log();
      assertTrue(log.contains("relay stopped; connections accepted=1 "), log);
      assertTrue(log.contains("commands=1 "), log);
    }
  }

  @Test
  void initRefusesToOverwriteAnExistingIdentity() throws Exception {
    assertEquals(0, run("init", "--dir", dir.toString()).code());
    byte[] before = Files.readAllBytes(dir.resolve("identity").resolve("identity.crt"));
    Run again = run("init", "--dir", dir.toString());
    assertEquals(1, again.code());
    assertTrue(again.err().contains("already exists"), again.err());
    assertEquals(List.of(before.length), List.of(
        Files.readAllBytes(dir.resolve("identity").resolve("identity.crt")).length));
  }

  @Test
  void startWithoutAnIdentityFailsWithAClearError() {
    Run r = run("start", "--dir", dir.toString());
    assertEquals(1, r.code());
    assertTrue(r.err().contains("no relay identity"), r.err());
  }

  @Test
  void badArgumentsExitWithCodeTwoAndTheUsage() {
    for (String[] args : List.of(new String[] {}, new String[] {"frobnicate", "--dir", "x"},
        new String[] {"init"}, new String[] {"init", "--dir"},
        new String[] {"start", "--dir", "x", "--port", "70000"},
        new String[] {"init", "--dir", "x", "--port", "0"},
        new String[] {"init", "--dir", "x", "--host", "bad host!"},
        new String[] {"start", "--dir", "x", "--verbose", "1"})) {
      Run r = run(args);
      assertEquals(2, r.code(), String.join(" ", args));
      assertTrue(r.err().startsWith("error: "), r.err());
      assertTrue(r.err().contains("usage:"), r.err());
    }
  }

  @Test
  void helpPrintsTheUsageAndSucceeds() {
    Run r = run("--help");
    assertEquals(0, r.code());
    assertTrue(r.out().contains("usage: parley-relay init"));
  }
}

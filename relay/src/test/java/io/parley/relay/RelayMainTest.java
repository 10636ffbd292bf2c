package io.parley.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.protocol.command.QueueMode;
import io.parley.protocol.command.Response;
import io.parley.protocol.transport.RelayAddress;
import io.parley.relay.client.BlockingRelayClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.launch.Version;
import io.parley.launch.logging.LogFormat;
import io.parley.relay.cli.RelayCommands;
import io.parley.relay.cli.StartCommand;
import io.parley.relay.config.ConfigFile;
import io.parley.relay.config.ConfigKey;
import io.parley.relay.config.RelayConfig;
import io.parley.relay.testing.RelayProcess;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
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
    return run(Map.of(), args);
  }

  private static Run run(Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = RelayMain.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), logs -> { });
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
  void badArgumentsExitWithCodeTwoAndOneLineSayingWhy() {
    for (String[] args : List.of(new String[] {}, new String[] {"frobnicate", "--dir", "x"},
        new String[] {"init"}, new String[] {"init", "--dir"},
        new String[] {"start", "--dir", "x", "--port", "70000"},
        new String[] {"start", "--dir", "x", "--max-connections", "0"},
        new String[] {"init", "--dir", "x", "--port", "0"},
        new String[] {"init", "--dir", "x", "--host", "bad host!"},
        new String[] {"start", "--dir", "x", "--verbose", "1"})) {
      Run r = run(args);
      assertEquals(2, r.code(), String.join(" ", args));
      assertTrue(r.err().startsWith("parley-relay: "), r.err());
      assertTrue(r.err().strip().endsWith("(try --help)"), r.err());
      assertEquals(1, r.err().lines().count(), r.err());
      assertEquals("", r.out());
    }
  }

  @Test
  void helpOfEveryCommandPrintsItsUsageAndSucceeds() {
    Run top = run("--help");
    assertEquals(0, top.code());
    assertTrue(top.out().startsWith("Usage: parley-relay"), top.out());
    assertTrue(top.out().contains("init") && top.out().contains("start"), top.out());
    Run init = run("init", "--help");
    assertEquals(0, init.code());
    assertTrue(init.out().contains("--host=HOST") && init.out().contains("PARLEY_DIR"),
        init.out());
    Run start = run("start", "--help");
    assertEquals(0, start.code());
    for (ConfigKey key : ConfigKey.values()) {
      assertTrue(start.out().contains(StartCommand.optionFor(key)), key + " in " + start.out());
    }
    assertTrue(start.out().contains("--bind=ADDRESS"), start.out());
    assertTrue(start.out().contains("--log-format"), start.out());
  }

  @Test
  void versionPrintsTheBuildVersionAndSucceeds() {
    for (String[] args : List.of(new String[] {"--version"}, new String[] {"start", "-V"})) {
      Run r = run(args);
      assertEquals(0, r.code());
      assertEquals("parley-relay " + Version.current(), r.out().strip());
    }
    assertTrue(!Version.current().equals(Version.UNKNOWN));
  }

  @Test
  void startTakesFlagsOverEnvironmentOverRelayPropertiesOverDefaults() throws Exception {
    Files.writeString(dir.resolve(ConfigFile.FILE_NAME),
        "port=6000\nqueue.quota.messages=16\nhost=file.example\nlog.format=json\n");
    Map<String, String> env = Map.of("PARLEY_DIR", dir.toString(), "PARLEY_PORT", "6001",
        "PARLEY_HOST", "env.example", "PARLEY_MAX_CONNECTIONS", "77");
    RelayCommands.Parsed p = RelayCommands.parse(new String[] {"start", "--port", "6002"}, env,
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    RelayConfig c = p.config();
    assertEquals(dir, c.dataDir(), "PARLEY_DIR names the directory");
    assertEquals(6002, c.port(), "flag over environment and file");
    assertEquals("env.example", c.host(), "environment over file");
    assertEquals(77, c.maxConnections(), "environment over default");
    assertEquals(16, c.queueQuota(), "file over default");
    assertEquals(LogFormat.JSON, p.logs().format(), "the log format from the file");
    assertEquals(RelayConfig.DEFAULT_BIND_ADDRESS, c.bindAddress(), "the default");
  }

  @Test
  void aBadValueIsBlamedOnTheVariableOrFileKeyThatGaveIt() throws Exception {
    Run env = run(Map.of("PARLEY_FSYNC", "sometimes"), "start", "--dir", dir.toString());
    assertEquals(2, env.code());
    assertTrue(env.err().startsWith("parley-relay: PARLEY_FSYNC: fsync must be"), env.err());
    Files.writeString(dir.resolve(ConfigFile.FILE_NAME), "max.connections=lots\n");
    Run file = run("start", "--dir", dir.toString());
    assertEquals(2, file.code());
    assertTrue(file.err().contains("relay.properties: max.connections: max.connections must be"
        + " a whole number"), file.err());
    Files.writeString(dir.resolve(ConfigFile.FILE_NAME), "max.conections=5\n");
    Run typo = run("start", "--dir", dir.toString());
    assertEquals(2, typo.code());
    assertTrue(typo.err().contains("unknown setting(s) [max.conections]"), typo.err());
  }

  @Test
  void aNewRelayDirectoryIsOwnerOnlyAndLogsJsonLinesThatParse() throws Exception {
    Path relayDir = dir.resolve("relay");
    assertEquals(0, run("init", "--dir", relayDir.toString(), "--host", "127.0.0.1", "--port",
        String.valueOf(freePort())).code());
    try (RelayProcess relay = RelayProcess.start(relayDir, "--log-format", "json")) {
      try (BlockingRelayClient c = BlockingRelayClient.connect(relay.address())) {
        c.createQueue(true, QueueMode.MESSAGING);
      }
      assertEquals(0, relay.terminateWithStatus().exitCode());
      ObjectMapper json = new ObjectMapper();
      // The test class path has slf4j-api without a provider (ArchUnit's); its warning is not
      // a log record and the shipped jar does not print it.
      List<String> lines = relay.log().lines().filter(l -> !l.startsWith("SLF4J(")).toList();
      assertTrue(lines.stream().anyMatch(l -> l.contains("relay " + Version.current()
          + " started on port")), "the startup line names the version: " + lines);
      for (String line : lines) {
        JsonNode record = json.readTree(line);
        assertTrue(record.hasNonNull("level") && record.hasNonNull("message"), line);
      }
    }
    try (Stream<Path> all = Files.walk(relayDir)) {
      for (Path p : all.filter(p -> !p.getFileName().toString().endsWith(".log")).toList()) {
        assertEquals(Files.isDirectory(p) ? "rwx------" : "rw-------",
            PosixFilePermissions.toString(Files.getPosixFilePermissions(p)), p.toString());
      }
    }
  }

  @Test
  void aRelayBoundToLoopbackAcceptsThereAndNotOnAnotherInterface() throws Exception {
    assertEquals(0, run("init", "--dir", dir.toString(), "--host", "127.0.0.1", "--port",
        String.valueOf(freePort())).code());
    try (RelayProcess relay = RelayProcess.start(dir, "--bind", "127.0.0.1")) {
      try (BlockingRelayClient c = BlockingRelayClient.connect(relay.address())) {
        assertInstanceOf(Response.Pong.class, c.request(c.ping()));
      }
      InetAddress other = otherInterfaceAddress();
      if (other != null) {
        try (Socket s = new Socket()) {
          assertThrows(ConnectException.class,
              () -> s.connect(new InetSocketAddress(other, relay.address().port()), 5_000),
              "nothing listens on " + other);
        }
      }
    }
  }

  /** An IPv4 address of this machine that is not loopback, or null if it has none. */
  private static InetAddress otherInterfaceAddress() throws Exception {
    for (NetworkInterface i : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (!i.isUp() || i.isLoopback()) {
        continue;
      }
      for (InetAddress a : Collections.list(i.getInetAddresses())) {
        if (a instanceof Inet4Address) {
          return a;
        }
      }
    }
    return null;
  }
}

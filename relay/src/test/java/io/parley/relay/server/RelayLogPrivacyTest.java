package io.parley.relay.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.launch.logging.JsonLineFormatter;
import io.parley.protocol.command.Response;
import io.parley.relay.Relay;
import io.parley.relay.client.BlockingRelayClient;
import io.parley.testkit.Await;
import io.parley.relay.testing.RelayFixture;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/relay.md promises no client addresses in the log, at any level. */
class RelayLogPrivacyTest {
  /** Held strongly: java.util.logging forgets the level of a logger nobody references. */
  private static final List<Logger> LOGGERS =
      List.of(Logger.getLogger("io.netty"), Logger.getLogger("io.parley"));

  @TempDir Path dir;
  private static final JsonLineFormatter JSON_FORMAT = new JsonLineFormatter();
  private final List<String> lines = new CopyOnWriteArrayList<>();
  /** The same records as --log-format json writes them. */
  private final List<String> jsonLines = new CopyOnWriteArrayList<>();
  private final Handler capture = new Handler() {
    @Override
    public void publish(LogRecord r) {
      StringWriter text = new StringWriter().append(String.valueOf(r.getMessage()));
      if (r.getParameters() != null) {
        for (Object p : r.getParameters()) {
          text.append(' ').append(String.valueOf(p));
        }
      }
      if (r.getThrown() != null) {
        r.getThrown().printStackTrace(new PrintWriter(text));
      }
      lines.add(text.toString());
      jsonLines.add(JSON_FORMAT.format(r));
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  @BeforeEach
  void logEverything() {
    for (Logger l : LOGGERS) {
      l.setLevel(Level.ALL);
      l.addHandler(capture);
    }
  }

  @AfterEach
  void restoreLogging() {
    for (Logger l : LOGGERS) {
      l.removeHandler(capture);
      l.setLevel(null);
    }
  }

  @Test
  void atTheFinestLevelNoClientAddressOrPortIsLoggedInTextOrJson() throws Exception {
    List<Integer> clientPorts = new CopyOnWriteArrayList<>();
    try (Relay relay = RelayFixture.memoryOnly(dir)) {
      try (BlockingRelayClient c = BlockingRelayClient.connect(relay.address())) {
        assertInstanceOf(Response.Pong.class, c.request(c.ping()));
      }
      try (Socket garbage = new Socket()) {
        garbage.connect(new InetSocketAddress("127.0.0.1", relay.port()));
        clientPorts.add(garbage.getLocalPort());
        garbage.getOutputStream().write(new byte[] {0x16, 0x03, 0x03, 0x00, 0x05, 1, 2, 3, 4, 5});
        Await.until("the relay rejects the bad handshake", Duration.ofSeconds(10),
            () -> relay.counters().summary().contains("handshakeFailures=1"));
      }
    }
    assertTrue(lines.stream().anyMatch(l -> l.contains("HANDSHAKEN")),
        "FINE logging was on and the relay's TLS logged a connection: " + lines);
    ObjectMapper json = new ObjectMapper();
    for (String line : jsonLines) {
      assertEquals(1, line.lines().count(), line);
      assertTrue(json.readTree(line).hasNonNull("message"), line);
    }
    List<String> all = new java.util.ArrayList<>(lines);
    all.addAll(jsonLines);
    for (String line : all) {
      assertFalse(line.contains("R:/") || line.contains("127.0.0.1:"), line);
      for (int port : clientPorts) {
        assertFalse(line.contains(":" + port), line);
      }
    }
  }
}

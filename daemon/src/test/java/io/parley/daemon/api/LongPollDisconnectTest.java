package io.parley.daemon.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.daemon.api.ApiFixture.Daemon;
import io.parley.testkit.Await;
import io.parley.testkit.LeakCheck;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Long-polls whose client hangs up, or whose connection the server closes, end quietly: the
 * slot comes back, the daemon keeps serving, and nothing is logged at WARNING or above.
 */
@ExtendWith(LeakCheck.class)
class LongPollDisconnectTest {
  /** The hung-up polls' wait: short, since the daemon only notices at its end. UNIT: seconds. */
  private static final int WAIT_SECONDS = 1;
  /** How long a read may block before the test fails instead of hanging. UNIT: milliseconds. */
  private static final int SOCKET_TIMEOUT_MILLIS = 10_000;

  /** Records at WARNING or above from any java.util.logging logger. */
  private final List<LogRecord> loud = new CopyOnWriteArrayList<>();
  private final Handler capture = new Handler() {
    @Override
    public void publish(LogRecord r) {
      if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
        loud.add(r);
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  @BeforeEach
  void listen() {
    Logger.getLogger("").addHandler(capture);
  }

  @AfterEach
  void unlisten() {
    Logger.getLogger("").removeHandler(capture);
  }

  @Test
  void clientsHangingUpOnPendingLongPollsLeaveTheDaemonServingAndLogNothingLoud(
      @TempDir Path dir) throws Exception {
    try (ApiFixture fx = new ApiFixture(dir)) {
      Daemon alice = fx.daemon("alice");
      relayUp(alice);
      loud.clear();
      Socket closes = poll(alice, WAIT_SECONDS);
      Socket resets = poll(alice, WAIT_SECONDS);
      Await.value("both long-polls to wait", () -> readers(alice), n -> n == 2);
      closes.close();
      resets.setSoLinger(true, 0);
      resets.close();
      // One more that hangs up at once, possibly before its wait even begins.
      poll(alice, WAIT_SECONDS).close();
      Await.value("the waiting slots back", () -> readers(alice), n -> n == 0);

      long after = alice.client().get("/v1/events?after=latest").json().get("next").asLong();
      CompletableFuture<HttpResponse<String>> next = alice.client().http().sendAsync(
          alice.client().request("/v1/events?wait=20&after=" + after).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      Await.value("a new long-poll to wait", () -> readers(alice), n -> n == 1);
      String conn = alice.client().post("/v1/invitations", Map.of()).json()
          .get("connectionId").asText();
      assertEquals(204, alice.client().delete("/v1/connections/" + conn).status());
      HttpResponse<String> page = next.get(ApiClient.REQUEST_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      assertEquals(200, page.statusCode(), page.body());
      assertTrue(page.body().contains("connection.deleted"), "the new long-poll wakes on the "
          + "next event: " + page.body());
      assertEquals(200, alice.client().get("/v1/health").status());
      assertNothingLoud();
    }
  }

  @Test
  void stoppingTheApiUnderAPendingLongPollLogsNothingLoud(@TempDir Path dir) throws Exception {
    try (ApiFixture fx = new ApiFixture(dir)) {
      Daemon alice = fx.daemon("alice");
      relayUp(alice);
      loud.clear();
      try (Socket waiting = poll(alice, 30)) {
        Await.value("the long-poll to wait", () -> readers(alice), n -> n == 1);
        // Closing the listener ends the exchange under the waiting poll, on an I/O thread,
        // before stopApi returns.
        fx.stopApi(alice);
        waiting.setSoTimeout(SOCKET_TIMEOUT_MILLIS);
        // Returns at end of stream: the connection was closed, not left hanging.
        waiting.getInputStream().readAllBytes();
      }
      assertNothingLoud();
    }
  }

  /**
   * Waits until the start-up's own event ({@code relay.up}) is in the log, so that a long-poll
   * from the latest event really waits instead of returning that event.
   */
  private static void relayUp(Daemon d) throws Exception {
    Await.value("the relay to be up", () -> d.client().get("/v1/info").json().get("relays"),
        r -> r.size() == 1 && r.get(0).get("up").asBoolean());
  }

  /** Sends a long-poll on a raw connection, left open for the caller to drop. */
  private static Socket poll(Daemon d, int waitSeconds) throws IOException {
    Socket s = new Socket(InetAddress.getLoopbackAddress(), d.api().port());
    s.getOutputStream().write(("GET /v1/events?after=latest&wait=" + waitSeconds
        + " HTTP/1.1\r\nHost: localhost:" + d.api().port()
        + "\r\nAuthorization: Bearer " + d.token() + "\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII));
    s.getOutputStream().flush();
    return s;
  }

  /** Long-polls, WebSockets and SSE streams holding a slot, from {@code /metrics}. */
  private static int readers(Daemon d) throws Exception {
    for (String line : d.client().get("/metrics").body().split("\n")) {
      if (line.startsWith("parley_event_readers ")) {
        return (int) Double.parseDouble(line.substring(line.indexOf(' ') + 1).trim());
      }
    }
    throw new AssertionError("no parley_event_readers in /metrics");
  }

  private void assertNothingLoud() {
    assertTrue(loud.isEmpty(), () -> "logged: " + loud.stream()
        .map(r -> r.getLevel() + " " + r.getLoggerName() + ": " + r.getMessage()
            + (r.getThrown() == null ? "" : " (" + r.getThrown() + ")"))
        .toList());
  }
}

package io.parley.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.cli.CliRun.Result;
import io.parley.sdk.ParleyClient;
import io.parley.sdk.testing.DaemonFixture;
import io.parley.sdk.testing.DaemonFixture.TestDaemon;
import io.parley.testkit.Await;
import io.parley.testkit.LeakCheck;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code parley invite/join/send/connections/watch} against two real daemons over a real relay,
 * with their exit statuses and JSON output.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(LeakCheck.class)
class ParleyCommandsTest {
  static final ObjectMapper JSON = new ObjectMapper();
  DaemonFixture fx;
  TestDaemon alice;
  TestDaemon bob;
  Path home;
  /** Alice's connection to Bob, and Bob's to Alice. */
  String aliceToBob;
  String bobToAlice;
  ExecutorService pool = Executors.newCachedThreadPool();

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    fx = new DaemonFixture(dir.resolve("fx"));
    alice = fx.daemon("alice");
    bob = fx.daemon("bob");
    home = Files.createDirectories(dir.resolve("home"));
    Result invite = CliRun.run(env(alice), home, "invite", "--alias", "bob", "--json");
    assertEquals(0, invite.status(), invite.err());
    JsonNode inv = JSON.readTree(invite.out());
    aliceToBob = inv.path("connectionId").asText();
    Result join = CliRun.run(env(bob), home, "join", "--alias", "alice", "-");
    assertEquals(2, join.status(), "no link on standard input is a usage error");
    join = CliRun.run(env(bob), home, new ByteArrayInputStream((inv.path("link").asText()
        + "\n").getBytes(StandardCharsets.UTF_8)), null, new CountDownLatch(1),
        "join", "--alias", "alice", "-");
    assertEquals(0, join.status(), join.err());
    bobToAlice = join.out().strip();
    ParleyClient a = alice.client();
    ParleyClient b = bob.client();
    Await.until("both sides established", () -> a.connection(aliceToBob).isEstablished()
        && b.connection(bobToAlice).isEstablished());
  }

  @AfterAll
  void stop() {
    pool.shutdownNow();
    fx.close();
  }

  static Map<String, String> env(TestDaemon d) {
    return Map.of("PARLEY_API", d.apiUrl(), "PARLEY_TOKEN_FILE", d.tokenFile().toString());
  }

  @Test
  void anInvitationPrintsItsLinkAndAQrCodeUnlessToldNot() {
    Result withQr = CliRun.run(env(alice), home, "invite");
    assertEquals(0, withQr.status(), withQr.err());
    String link = withQr.out().lines().filter(l -> l.contains("://") || l.startsWith("parley"))
        .findFirst().orElseThrow();
    assertTrue(withQr.out().contains("\u2588"), "a QR code drawn in half blocks");
    Result noQr = CliRun.run(env(alice), home, "invite", "--no-qr");
    assertEquals(0, noQr.status());
    assertFalse(noQr.out().contains("\u2588"));
    assertFalse(noQr.out().contains(link), "each invitation is a new link");
  }

  @Test
  void aTextSentByAliasArrivesAndConnectionsListsItAsEstablished() throws Exception {
    Result sent = CliRun.run(env(alice), home, "send", "bob", "hello", "from", "the", "cli");
    assertEquals(0, sent.status(), sent.err());
    String messageId = sent.out().strip();
    ParleyClient b = bob.client();
    Await.until("bob has the text", () -> b.history(bobToAlice).stream()
        .anyMatch(m -> m.isIncoming() && "hello from the cli".equals(m.text())));
    assertEquals(messageId, alice.client().history(aliceToBob).stream()
        .filter(m -> "hello from the cli".equals(m.text())).findFirst().orElseThrow().id());

    Result table = CliRun.run(env(alice), home, "connections");
    assertEquals(0, table.status());
    String row = table.out().lines().filter(l -> l.startsWith(aliceToBob)).findFirst()
        .orElseThrow();
    assertTrue(row.contains("bob") && row.endsWith("established"), row);
    Result json = CliRun.run(env(alice), home, "connections", "--json");
    JsonNode conn = JSON.readTree(json.out()).path("connections").get(0);
    assertEquals(aliceToBob, conn.path("id").asText());
    assertEquals("established", conn.path("status").asText());
    assertEquals("bob", conn.path("alias").asText());
  }

  @Test
  void watchPrintsTheNextReceivedMessageAsJsonWithItsSeq() throws Exception {
    long latest = bob.client().info().events().latestSeq();
    Future<Result> watch = pool.submit(() -> CliRun.run(env(bob), home, "watch", "--json",
        "--connection", "alice", "--after", Long.toString(latest), "--count", "1"));
    alice.client().send(aliceToBob, "watched");
    Result r = Await.result(watch);
    assertEquals(0, r.status(), r.err());
    JsonNode event = JSON.readTree(r.out());
    assertEquals("message.received", event.path("type").asText());
    assertEquals(bobToAlice, event.path("connectionId").asText());
    assertEquals("watched", event.path("data").path("text").asText());
    assertTrue(event.path("seq").asLong() > latest);
  }

  @Test
  void watchAsLinesNamesTheConnectionByAliasAndShowsTheText() throws Exception {
    long latest = bob.client().info().events().latestSeq();
    Future<Result> watch = pool.submit(() -> CliRun.run(env(bob), home, "watch",
        "--connection", bobToAlice, "--type", "message.received", "--after",
        Long.toString(latest), "--count", "1"));
    alice.client().send(aliceToBob, "as a line");
    Result r = Await.result(watch);
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().strip().endsWith("message.received alice: as a line"), r.out());
  }

  @Test
  void eachKindOfFailureHasItsOwnExitStatusAndOneLineWithoutTheToken() throws Exception {
    String token = Files.readString(alice.tokenFile()).strip();
    Result unknown = CliRun.run(env(alice), home, "send", "nobody", "hi");
    assertEquals(Exits.NOT_FOUND, unknown.status());
    Result usage = CliRun.run(env(alice), home, "send", "bob");
    assertEquals(Exits.USAGE, usage.status());
    Result noSuchCommand = CliRun.run(env(alice), home, "frobnicate");
    assertEquals(Exits.USAGE, noSuchCommand.status());
    Path wrongToken = Files.writeString(home.resolve("wrong.token"), "not-the-token\n");
    Result auth = CliRun.run(Map.of("PARLEY_API", alice.apiUrl(), "PARLEY_TOKEN_FILE",
        wrongToken.toString()), home, "connections");
    assertEquals(Exits.AUTH, auth.status());
    Result down = CliRun.run(Map.of("PARLEY_API", "http://127.0.0.1:1", "PARLEY_TOKEN",
        token), home, "connections");
    assertEquals(Exits.UNREACHABLE, down.status());
    for (Result r : List.of(unknown, usage, noSuchCommand, auth, down)) {
      assertEquals(1, r.err().lines().count(), r.err());
      assertFalse(r.err().contains(token));
      assertFalse(r.err().contains("\tat "), "no stack trace");
    }
  }

  @Test
  void aTypedDataDirectoryWinsOverTheEnvironmentWhichWinsOverTheDefaultDataDirectory()
      throws Exception {
    Files.writeString(alice.dataDir().resolve("parleyd.properties"),
        "api.port = " + URI.create(alice.apiUrl()).getPort() + "\n");
    Path xdg = home.resolve("xdg");
    Files.createDirectories(xdg.resolve("parley"));
    Files.copy(alice.tokenFile(), xdg.resolve("parley/api.token"));
    Files.copy(alice.dataDir().resolve("parleyd.properties"),
        xdg.resolve("parley/parleyd.properties"));

    assertTrue(ids(env(bob), "--data", alice.dataDir().toString()).contains(aliceToBob));
    Map<String, String> bobAndAliceData = new HashMap<>(env(bob));
    bobAndAliceData.put("PARLEY_DATA", alice.dataDir().toString());
    assertEquals(List.of(bobToAlice), ids(bobAndAliceData));
    assertTrue(ids(Map.of("XDG_DATA_HOME", xdg.toString())).contains(aliceToBob));
    String bobToken = Files.readString(bob.tokenFile()).strip();
    assertEquals(List.of(bobToAlice), ids(Map.of("PARLEY_API", bob.apiUrl(),
        "PARLEY_TOKEN", bobToken)));
    assertEquals(Exits.AUTH, CliRun.run(Map.of("PARLEY_API", bob.apiUrl(), "PARLEY_TOKEN",
        bobToken), home, "connections", "--token-file", alice.tokenFile().toString()).status(),
        "a typed token file wins over PARLEY_TOKEN (alice's token is not bob's)");
  }

  /** The ids of the connections {@code parley connections --json} lists. */
  private List<String> ids(Map<String, String> env, String... options) throws Exception {
    String[] args = new String[options.length + 2];
    args[0] = "connections";
    args[1] = "--json";
    System.arraycopy(options, 0, args, 2, options.length);
    Result r = CliRun.run(env, home, args);
    assertEquals(0, r.status(), r.err());
    List<String> ids = new ArrayList<>();
    JSON.readTree(r.out()).path("connections").forEach(c -> ids.add(c.path("id").asText()));
    return ids;
  }
}

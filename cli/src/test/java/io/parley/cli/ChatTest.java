package io.parley.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parley.cli.CliRun.Result;
import io.parley.sdk.ParleyClient;
import io.parley.sdk.bot.Bot;
import io.parley.sdk.testing.DaemonFixture;
import io.parley.sdk.testing.DaemonFixture.TestDaemon;
import io.parley.testkit.Await;
import io.parley.testkit.LeakCheck;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code parley chat} driven through a JLine terminal on piped streams (an xterm as far as
 * JLine knows): keys go in, the screen comes out.
 */
@ExtendWith(LeakCheck.class)
class ChatTest {
  DaemonFixture fx;
  TestDaemon alice;
  TestDaemon bob;
  Path home;
  ExecutorService pool = Executors.newSingleThreadExecutor();
  PipedOutputStream keys;
  Screen screen = new Screen();

  @BeforeEach
  void start(@TempDir Path dir) throws Exception {
    fx = new DaemonFixture(dir.resolve("fx"));
    alice = fx.daemon("alice");
    bob = fx.daemon("bob");
    home = Files.createDirectories(dir.resolve("home"));
  }

  @AfterEach
  void stop() throws IOException {
    if (keys != null) {
      keys.close();
    }
    pool.shutdownNow();
    fx.close();
  }

  /** What the terminal showed, safe to read while the chat writes. */
  static final class Screen extends OutputStream {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    @Override
    public synchronized void write(int b) {
      bytes.write(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      bytes.write(b, off, len);
    }

    synchronized String text() {
      return bytes.toString(StandardCharsets.UTF_8);
    }
  }

  private Future<Result> chat(TestDaemon d, String connection) throws IOException {
    PipedInputStream in = new PipedInputStream(4096);
    keys = new PipedOutputStream(in);
    Terminal terminal = TerminalBuilder.builder().name("test").streams(in, screen)
        .type("xterm").size(new Size(120, 40)).build();
    return pool.submit(() -> CliRun.run(ParleyCommandsTest.env(d), home, in, () -> terminal,
        new CountDownLatch(1), "chat", connection));
  }

  private void type(String s) throws IOException {
    keys.write(s.getBytes(StandardCharsets.UTF_8));
    keys.flush();
  }

  /** Alice invites with alias "bob", Bob joins with alias "alice"; returns both ids. */
  private String[] connect() throws Exception {
    ParleyClient a = alice.client();
    ParleyClient b = bob.client();
    var inv = a.createInvitation("bob");
    String bobToAlice = b.join(inv.link(), "alice");
    Await.until("established", () -> a.connection(inv.connectionId()).isEstablished()
        && b.connection(bobToAlice).isEstablished());
    return new String[] {inv.connectionId(), bobToAlice};
  }

  @Test
  void aChatShowsHistorySendsTypedLinesPrintsLiveOnesAndQuitsByACompletedCommand()
      throws Exception {
    String[] ids = connect();
    ParleyClient a = alice.client();
    a.send(ids[0], "said earlier");
    Await.until("bob has the earlier text", () -> bob.client().history(ids[1]).stream()
        .anyMatch(m -> "said earlier".equals(m.text())));

    Future<Result> chat = chat(bob, "alice");
    Await.until("history shown", () -> screen.text().contains("alice: said earlier"));
    type("hello from the terminal\r");
    Await.until("alice has the typed line", () -> a.history(ids[0]).stream()
        .anyMatch(m -> m.isIncoming() && "hello from the terminal".equals(m.text())));
    a.send(ids[0], "a live line");
    Await.until("the live line shown", () -> screen.text().contains("alice: a live line"));
    type("/help\r");
    Await.until("the client's commands listed", () -> screen.text().contains("/quit - leave"));
    type("/qu\t\r");
    Result r = Await.result(chat);
    assertEquals(0, r.status(), r.err());
  }

  @Test
  void helpListsTheBotsPublishedCommandsAndTabCompletesThemAndTheBotAnswers() throws Exception {
    Bot bot = Bot.builder(alice.client()).name("pinger")
        .contactAddress(true, null)
        .onCommand("/ping", "answers pong", m -> m.reply("pong"))
        .build();
    bot.start();
    try {
      ParleyClient b = bob.client();
      String conn = b.join(bot.contactAddress().orElseThrow().link(), "pinger");
      Await.until("the bot's commands arrived in the handshake", () ->
          b.connection(conn).peerProfile() != null
              && !b.connection(conn).peerProfile().commands().isEmpty());
      Future<Result> chat = chat(bob, "pinger");
      Await.until("the prompt", () -> screen.text().contains("/quit to leave"));
      type("/help\r");
      Await.until("the bot's commands listed", () -> screen.text().contains("Commands of pinger")
          && screen.text().contains("/ping - answers pong"));
      type("/pi\t\r");
      Await.until("the bot's answer shown live", () -> screen.text().contains("pinger: pong"));
      type("/quit\r");
      assertEquals(0, Await.result(chat).status());
    } finally {
      bot.stop();
    }
  }
}

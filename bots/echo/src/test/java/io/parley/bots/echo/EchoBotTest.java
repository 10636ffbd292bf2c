package io.parley.bots.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.sdk.ParleyClient;
import io.parley.sdk.ParleyConfig;
import io.parley.sdk.bot.Bot;
import io.parley.sdk.error.UnauthorizedException;
import io.parley.sdk.model.BotCommand;
import io.parley.sdk.events.Subscription;
import io.parley.sdk.events.SubscriptionOptions;
import io.parley.sdk.model.EventTypes;
import io.parley.sdk.testing.DaemonFixture;
import io.parley.sdk.testing.DaemonFixture.TestDaemon;
import io.parley.sdk.testing.EventRecorder;
import io.parley.testkit.Await;
import io.parley.testkit.LeakCheck;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The echo bot against a real daemon, talked to by a second daemon over a real relay. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(LeakCheck.class)
class EchoBotTest {
  DaemonFixture fx;
  TestDaemon echoDaemon;
  ParleyClient user;
  Bot bot;
  String printed;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    fx = new DaemonFixture(dir);
    echoDaemon = fx.daemon("echo");
    user = fx.daemon("user").client();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    bot = EchoBot.launch(new String[] {"--api", echoDaemon.apiUrl(), "--token-file",
        echoDaemon.tokenFile().toString()}, Map.of(), new PrintStream(out, true,
        StandardCharsets.UTF_8));
    printed = out.toString(StandardCharsets.UTF_8);
  }

  @AfterAll
  void stop() {
    if (bot != null) {
      bot.stop();
    }
    fx.close();
  }

  @Test
  void aSecondDaemonJoiningTheEchoAddressGetsItsTextBack() throws Exception {
    EventRecorder inbox = new EventRecorder();
    try (Subscription sub = user.subscribe(SubscriptionOptions.builder().listener(inbox)
        .types(Set.of(EventTypes.MESSAGE_RECEIVED)).build(), inbox)) {
      Await.until("user subscribed", () -> inbox.connects() == 1);
      String conn = user.join(bot.contactAddress().orElseThrow().link());
      assertEquals(List.of(EchoBot.WELCOME), inbox.awaitTexts(1));
      assertEquals(List.of(new BotCommand("help", "show this list")),
          user.connection(conn).peerProfile().commands(), "its commands came in the handshake");
      user.send(conn, "hi");
      assertEquals(List.of(EchoBot.WELCOME, "hi"), inbox.awaitTexts(2));
      user.send(conn, "/help");
      String help = inbox.awaitTexts(3).get(2);
      assertTrue(help.startsWith("I send back every text you send me.\n\nCommands:\n/help"),
          help);
    }
  }

  @Test
  void launchPrintsTheAddressLinkAndItsQrCode() throws Exception {
    String link = bot.contactAddress().orElseThrow().link();
    assertTrue(printed.contains(link + "\n"));
    assertTrue(printed.contains(TerminalQr.render(link)));
  }

  @Test
  void aRestartedEchoBotReusesItsContactAddress() {
    String link = bot.contactAddress().orElseThrow().link();
    Bot again = EchoBot.create(echoDaemon.client(), "echo-second");
    again.start();
    try {
      assertEquals(link, again.contactAddress().orElseThrow().link());
    } finally {
      again.stop();
    }
  }

  @Test
  void theEnvironmentConfiguresTheBotWhenNoArgumentsAreGiven() throws Exception {
    Path badToken = Files.writeString(echoDaemon.dataDir().resolve("wrong.token"), "wrong");
    Map<String, String> env = Map.of(ParleyConfig.ENV_API, echoDaemon.apiUrl(),
        ParleyConfig.ENV_TOKEN_FILE, badToken.toString());
    assertThrows(UnauthorizedException.class, () -> EchoBot.launch(new String[0], env,
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
  }

  @Test
  void helpPrintsUsageAndStartsNothing() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertNull(EchoBot.launch(new String[] {"--help"}, Map.of(),
        new PrintStream(out, true, StandardCharsets.UTF_8)));
    assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("Usage: echo-bot"));
  }
}

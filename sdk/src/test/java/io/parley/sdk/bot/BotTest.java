package io.parley.sdk.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.sdk.ParleyClient;
import io.parley.sdk.error.ServiceUnavailableException;
import io.parley.sdk.events.Subscription;
import io.parley.sdk.events.SubscriptionOptions;
import io.parley.sdk.model.BotCommand;
import io.parley.sdk.model.ContactAddress;
import io.parley.sdk.model.EventTypes;
import io.parley.sdk.testing.DaemonFixture;
import io.parley.sdk.testing.EventRecorder;
import io.parley.testkit.Await;
import io.parley.testkit.LeakCheck;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A bot on one real daemon, talked to by a user on another, through the contact address. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(LeakCheck.class)
class BotTest {
  private static final String WELCOME = "Welcome! Send /help.";

  DaemonFixture fx;
  ParleyClient botClient;
  ParleyClient user;
  EventRecorder inbox;
  Subscription userEvents;
  final List<String> connected = Collections.synchronizedList(new ArrayList<>());
  final AtomicBoolean failOnce = new AtomicBoolean();
  Bot bot;
  String userConn;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    fx = new DaemonFixture(dir);
    botClient = fx.daemon("botd").client();
    user = fx.daemon("user").client();
    inbox = new EventRecorder();
    userEvents = user.subscribe(SubscriptionOptions.builder().listener(inbox)
        .types(Set.of(EventTypes.MESSAGE_RECEIVED)).build(), inbox);
    Await.until("user subscribed", () -> inbox.connects() == 1);
    bot = newBot("testbot");
    bot.start();
    ContactAddress address = bot.contactAddress().orElseThrow();
    assertTrue(address.autoAccept());
    userConn = user.join(address.link());
    Await.until("user connected", () -> user.connection(userConn).isEstablished());
    // The welcome arrives on its own; wait for it so replies line up with questions.
    Await.until("the welcome message", () -> inbox.texts().contains(WELCOME));
  }

  @AfterAll
  void stop() {
    bot.stop();
    userEvents.close();
    fx.close();
  }

  @AfterEach
  void botKeepsRunning() {
    assertTrue(bot.isRunning(), "the bot must survive each test");
  }

  private Bot newBot(String name) {
    return Bot.builder(botClient)
        .name(name)
        .contactAddress(true, WELCOME)
        .helpHeader("I am a test bot.")
        .onConnected(c -> connected.add(c.connectionId()))
        .onCommand("/ping", "answers pong", m -> m.reply(("pong " + m.args()).strip()))
        .onCommand("/flaky", "fails once after replying", m -> {
          m.reply("flaky reply");
          if (failOnce.compareAndSet(true, false)) {
            throw new ServiceUnavailableException("store_unavailable", "simulated");
          }
        })
        .onMessage(m -> m.reply("echo: " + m.text()))
        .subscription(o -> o.backoff(Duration.ofMillis(20), Duration.ofMillis(200)))
        .build();
  }

  /** Sends {@code text} and returns the next {@code replies} texts the user receives. */
  private List<String> ask(String text, int replies) throws Exception {
    int before = inbox.texts().size();
    user.send(userConn, text);
    List<String> all = inbox.awaitTexts(before + replies);
    return all.subList(before, before + replies);
  }

  @Test
  void theBotPublishesItsCommandsAndTheUserSeesThemAsThePeersProfileCommands() {
    List<BotCommand> expected = List.of(new BotCommand("help", "show this list"),
        new BotCommand("ping", "answers pong"),
        new BotCommand("flaky", "fails once after replying"));
    assertEquals(expected, botClient.profiles().get("default").commands());
    assertEquals(expected, user.connection(userConn).peerProfile().commands());
  }

  @Test
  void theAddressWelcomesTheNewContactAndTheBotSeesTheConnection() throws Exception {
    assertEquals(1, Collections.frequency(inbox.texts(), WELCOME));
    Await.until("onConnected", () -> connected.size() == 1);
  }

  @Test
  void commandsAreRoutedWithTheirArgumentsWithoutRegardToCase() throws Exception {
    assertEquals(List.of("pong"), ask("/ping", 1));
    assertEquals(List.of("pong a b"), ask("/PING a b", 1));
  }

  @Test
  void helpIsGeneratedFromTheRegisteredCommands() throws Exception {
    String help = ask("/help", 1).get(0);
    assertTrue(help.startsWith("I am a test bot.\n\nCommands:\n/help - show this list"), help);
    assertTrue(help.contains("/ping - answers pong"), help);
  }

  @Test
  void anUnknownCommandPointsToHelpAndPlainTextGoesToTheMessageHandler() throws Exception {
    assertEquals(List.of("Unknown command /nope. Send /help for the list."), ask("/nope", 1));
    assertEquals(List.of("echo: hello there"), ask("hello there", 1));
  }

  @Test
  void aHandlerRetriedAfterAnUnavailableDaemonDoesNotReplyTwice() throws Exception {
    failOnce.set(true);
    assertEquals(List.of("flaky reply"), ask("/flaky", 1));
    assertEquals(List.of("pong"), ask("/ping", 1));
    assertTrue(!failOnce.get(), "the handler ran and failed once");
    assertEquals(1, Collections.frequency(inbox.texts(), "flaky reply"));
  }

  @Test
  void aRestartedBotHandlesWhatArrivedWhileItWasDownExactlyOnce() throws Exception {
    assertEquals(List.of("pong"), ask("/ping", 1));
    bot.stop();
    bot.awaitStopped();
    int before = inbox.texts().size();
    user.send(userConn, "while down 1");
    user.send(userConn, "while down 2");
    bot = newBot("testbot");
    bot.start();
    assertEquals(List.of("echo: while down 1", "echo: while down 2"),
        inbox.awaitTexts(before + 2).subList(before, before + 2));
    assertEquals(List.of("pong"), ask("/ping", 1));
    assertEquals(before + 3, inbox.texts().size(), "nothing handled twice");
  }

  @Test
  void aBotCannotBeStartedTwiceOrAwaitedBeforeStarting() {
    assertThrows(IllegalStateException.class, () -> bot.start());
    assertThrows(IllegalStateException.class, () -> newBot("other").awaitStopped());
    assertThrows(IllegalArgumentException.class, () -> Bot.builder(botClient).name("bad name"));
  }
}

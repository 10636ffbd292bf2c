package io.parley.bots.notifier.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.bots.notifier.command.SubscriptionCommands;
import io.parley.bots.notifier.config.NotifierConfig;
import io.parley.bots.notifier.delivery.DeliverySettings;
import io.parley.bots.notifier.http.ReceiverSettings;
import io.parley.bots.notifier.sdk.NotifierBot;
import io.parley.sdk.ParleyClient;
import io.parley.sdk.bot.Bot;
import io.parley.sdk.model.Connection;
import io.parley.sdk.model.Event;
import io.parley.sdk.model.EventQuery;
import io.parley.sdk.model.Invitation;
import io.parley.sdk.model.Message;
import io.parley.sdk.testing.DaemonFixture;
import io.parley.sdk.testing.DaemonFixture.TestDaemon;
import io.parley.testkit.Await;
import io.parley.testkit.LeakCheck;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's situation: one daemon shared by a person (the owner token, default profile),
 * the echo bot and the notifier, each bot in the profile it makes for itself on start. Real
 * daemons, relay and HTTP.
 */
@ExtendWith(LeakCheck.class)
class SharedDaemonTest {
  private static final String NOTIFY_TOKEN = "shared-notify-token-0000000001";

  @Test
  void echoNotifierAndAPersonOnOneDaemonEachGetOnlyTheirOwnMessagesAndNoBotAnswersThePerson(
      @TempDir Path dir) throws Exception {
    try (DaemonFixture net = new DaemonFixture(dir.resolve("net"))) {
      TestDaemon host = net.daemon("host");
      ParleyClient person = host.client();
      ParleyClient carol = net.daemon("carol").client();
      ParleyClient alice = net.daemon("alice").client();
      ParleyClient bob = net.daemon("bob").client();

      // The person's own chat with Carol, in the default profile, before any bot starts.
      Invitation invitation = person.createInvitation("carol");
      String personChat = invitation.connectionId();
      String carolSide = carol.join(invitation.link());
      Await.value("carol connected", () -> carol.connection(carolSide),
          Connection::isEstablished);
      Await.value("the person connected", () -> person.connection(personChat),
          Connection::isEstablished);

      NotifierBot notifier = NotifierBot.start(new NotifierConfig(URI.create(host.apiUrl()),
          Files.readString(host.tokenFile()).strip(), "127.0.0.1", 0, dir.resolve("notifier"),
          NOTIFY_TOKEN, new ReceiverSettings(64 * 1024, 5), DeliverySettings.defaults()),
          Clock.systemUTC());
      // The echo bot as bots/echo builds it: its own profile, an auto-accepting address.
      Bot echo = Bot.builder(person)
          .name("echo")
          .profile("Echo", "I send back every text you send me.", null)
          .contactAddress(true, "echo here")
          .onMessage(m -> m.reply(m.text()))
          .build();
      echo.start();
      try {
        // Carol writes to the person; then each bot gets a message of its own.
        carol.send(carolSide, "hello, person");
        Await.value("the person got it", () -> person.history(personChat),
            h -> h.stream().anyMatch(Message::isIncoming));
        String aliceSide = alice.join(notifier.contactAddress().orElseThrow().link());
        String bobSide = bob.join(echo.contactAddress().orElseThrow().link());
        Await.value("the notifier's welcome", () -> alice.history(aliceSide),
            h -> h.stream().anyMatch(m -> SubscriptionCommands.WELCOME.equals(m.text())));
        Await.value("bob connected", () -> bob.connection(bobSide), Connection::isEstablished);
        bob.send(bobSide, "ping");
        Await.value("the echo", () -> bob.history(bobSide),
            h -> h.stream().anyMatch(m -> m.isIncoming() && "ping".equals(m.text())));
        alice.send(aliceSide, "/list");
        Await.value("the notifier's answer", () -> alice.history(aliceSide),
            h -> h.stream().filter(Message::isIncoming).count() == 2);
        alice.send(aliceSide, "just chatting");
        Await.value("the notifier's pointer to /help", () -> alice.history(aliceSide),
            h -> h.stream().filter(Message::isIncoming).count() == 3);

        // Both bots answered later messages, so an answer to Carol would have been queued
        // before them: the person's chat holds Carol's message and nothing sent.
        List<Message> personHistory = person.history(personChat);
        assertEquals(1, personHistory.size(), "no bot wrote in the person's chat");
        assertTrue(personHistory.get(0).isIncoming());
        assertTrue(carol.history(carolSide).stream().noneMatch(Message::isIncoming));

        // Each profile lists only its own connections.
        ParleyClient echoClient = echo.client();
        ParleyClient notifierClient = person.withToken(Files.readString(
            dir.resolve("notifier").resolve("profile.token")).strip());
        Set<String> personConns = ids(person.connections());
        Set<String> echoConns = ids(echoClient.connections());
        Set<String> notifierConns = ids(notifierClient.connections());
        assertTrue(personConns.contains(personChat));
        assertEquals(1, echoConns.size());
        assertEquals(1, notifierConns.size());
        assertFalse(personConns.removeAll(echoConns) || personConns.removeAll(notifierConns),
            "the person sees no bot's connection");
        assertFalse(echoConns.equals(notifierConns));

        // Each profile's events are its own: no message of another profile's chat.
        assertOnlyOwnMessages(person, ids(person.connections()));
        assertOnlyOwnMessages(echoClient, echoConns);
        assertOnlyOwnMessages(notifierClient, notifierConns);

        // Bob sees the bot's profile in the handshake; three profiles exist.
        assertEquals("Echo", bob.connection(bobSide).alias());
        assertEquals(Set.of("default", "Echo", "Notifier"), person.profiles().list().stream()
            .map(p -> p.isDefault() ? "default" : p.name()).collect(Collectors.toSet()));
      } finally {
        echo.stop();
        notifier.close();
      }
      // A restarted echo bot finds its profile again through its saved token.
      Bot again = Bot.builder(person).name("echo").profile("Echo", null, null).build();
      again.start();
      try {
        assertEquals(1, again.client().connections().size(), "the same profile, reused");
        assertEquals(3, person.profiles().list().size(), "no second Echo profile");
      } finally {
        again.stop();
      }
    }
  }

  private static Set<String> ids(List<Connection> connections) {
    return connections.stream().map(Connection::id).collect(Collectors.toSet());
  }

  private static void assertOnlyOwnMessages(ParleyClient client, Set<String> own) {
    List<Event> events = client.events(EventQuery.after(0).withLimit(1000)).events();
    for (Event e : events) {
      if (e.connectionId() != null) {
        assertTrue(own.contains(e.connectionId()), e.type() + " of another profile's chat");
      }
    }
  }
}

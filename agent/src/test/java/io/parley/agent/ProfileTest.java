package io.parley.agent;

import static io.parley.agent.testing.EventRecorder.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.agent.error.AgentException;
import io.parley.agent.event.AgentEvent;
import io.parley.agent.model.ConnectionInfo;
import io.parley.agent.model.ContactAddress;
import io.parley.agent.model.NewInvitation;
import io.parley.agent.model.ProfileInfo;
import io.parley.agent.testing.EventRecorder;
import io.parley.agent.testing.TestNetwork;
import io.parley.agent.testing.TestNetwork.TestAgent;
import io.parley.testkit.Await;
import io.parley.testkit.LeakCheck;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(LeakCheck.class)
class ProfileTest {
  private static final long WAIT = TestNetwork.WAIT_SECONDS;

  @RegisterExtension
  final TestNetwork net = new TestNetwork();

  @Test
  void twoProfilesOfOneAgentEachSeeOnlyTheirOwnConnectionsAddressMessagesAndEvents()
      throws Exception {
    TestAgent host = net.agent("host");
    TestAgent alice = net.agent("alice");
    TestAgent bob = net.agent("bob");
    ProfileInfo echoInfo = host.agent().createProfile("Echo", "repeats what you say", null)
        .get(WAIT, TimeUnit.SECONDS);
    AgentProfile echo = host.agent().profile(echoInfo.id()).orElseThrow();
    AgentProfile person = host.agent().defaultProfile();

    // Alice connects to the person by invitation, Bob to the bot's contact address.
    NewInvitation inv = person.createInvitation(null).get(WAIT, TimeUnit.SECONDS);
    String aliceSide = alice.agent().join(inv.link(), null).get(WAIT, TimeUnit.SECONDS);
    ContactAddress botAddress = echo.createAddress(true, "hello from echo")
        .get(WAIT, TimeUnit.SECONDS);
    ContactAddress personAddress = person.createAddress(false, null)
        .get(WAIT, TimeUnit.SECONDS);
    assertNotEquals(botAddress.link(), personAddress.link(), "one address per profile");
    String bobSide = bob.agent().join(botAddress.link(), null).get(WAIT, TimeUnit.SECONDS);
    bob.events().await(is(AgentEvent.CONNECTION_ESTABLISHED, bobSide));
    alice.events().await(is(AgentEvent.CONNECTION_ESTABLISHED, aliceSide));
    AgentEvent greeting = bob.events().await(is(AgentEvent.MESSAGE_RECEIVED, bobSide));
    assertEquals("hello from echo", greeting.data().get("text"));

    String botSide = Await.value("the bot's connection", () -> echo.connections(),
        l -> !l.isEmpty()).get(0).id();
    assertEquals(List.of(inv.connectionId()),
        person.connections().stream().map(ConnectionInfo::id).toList());
    assertEquals(List.of(botSide), echo.connections().stream().map(ConnectionInfo::id).toList());
    assertTrue(echo.connection(inv.connectionId()).isEmpty(), "the person's chat is not the bot's");
    assertTrue(person.connection(botSide).isEmpty());

    // Each side shows the other's profile from the handshake.
    ConnectionInfo seenByBob = bob.agent().connection(bobSide).orElseThrow();
    assertEquals("Echo", seenByBob.peerName());
    assertEquals("repeats what you say", seenByBob.peerDescription());
    assertEquals("Echo", seenByBob.alias(), "the peer's name is the default alias");
    assertEquals("host", alice.agent().connection(aliceSide).orElseThrow().peerName(),
        "the default profile sends the agent's configured name");
    assertNull(alice.agent().connection(aliceSide).orElseThrow().peerDescription());
    assertEquals("bob", echo.connection(botSide).orElseThrow().peerName());

    // A message to the person is the person's: its event names the person's profile.
    alice.agent().sendText(aliceSide, "hi person", null).get(WAIT, TimeUnit.SECONDS);
    AgentEvent got = host.events().await(is(AgentEvent.MESSAGE_RECEIVED, inv.connectionId()));
    assertEquals(ProfileInfo.DEFAULT_ID, got.profileId());
    bob.agent().sendText(bobSide, "hi bot", null).get(WAIT, TimeUnit.SECONDS);
    AgentEvent gotBot = host.events().await(is(AgentEvent.MESSAGE_RECEIVED, botSide));
    assertEquals(echoInfo.id(), gotBot.profileId());
    assertTrue(host.agent().eventsAfter(0, 1000).stream()
        .filter(e -> botSide.equals(e.connectionId()))
        .allMatch(e -> echoInfo.id().equals(e.profileId())), "every event of the bot's chat");

    // The bot cannot act on the person's chat, nor read its messages.
    ExecutionException e = assertThrows(ExecutionException.class,
        () -> echo.sendText(inv.connectionId(), "sneaky", null).get(WAIT, TimeUnit.SECONDS));
    assertEquals(AgentException.Reason.UNKNOWN_CONNECTION,
        assertInstanceOf(AgentException.class, e.getCause()).reason());
    assertTrue(echo.history().incoming((String) got.data().get("messageId")).isEmpty());
    assertTrue(echo.history().latest(inv.connectionId(), 10).isEmpty());
    assertFalse(person.history().latest(inv.connectionId(), 10).isEmpty());
  }

  @Test
  void deletingAProfileDeletesItsQueuesOnTheRelayAndLeavesTheOtherProfilesAlone()
      throws Exception {
    TestAgent host = net.agent("host");
    TestAgent bob = net.agent("bob");
    TestAgent alice = net.agent("alice");
    ProfileInfo botInfo = host.agent().createProfile("Bot", null, null)
        .get(WAIT, TimeUnit.SECONDS);
    AgentProfile bot = host.agent().profile(botInfo.id()).orElseThrow();
    NewInvitation inv = bot.createInvitation(null).get(WAIT, TimeUnit.SECONDS);
    String bobSide = bob.agent().join(inv.link(), null).get(WAIT, TimeUnit.SECONDS);
    bob.events().await(is(AgentEvent.CONNECTION_ESTABLISHED, bobSide));
    bot.createAddress(true, null).get(WAIT, TimeUnit.SECONDS);
    TestNetwork.Pair personal = net.connect(host, alice);
    int queuesBefore = net.relay().relay().queueCount();

    host.agent().deleteProfile(botInfo.id(), null).get(WAIT, TimeUnit.SECONDS);

    // The bot's receive queue and its address queue are gone from the relay.
    Await.until("the relay deleted the profile's two queues",
        () -> net.relay().relay().queueCount() == queuesBefore - 2);
    assertTrue(host.agent().profile(botInfo.id()).isEmpty());
    assertEquals(List.of(ProfileInfo.DEFAULT_ID),
        host.agent().profiles().stream().map(ProfileInfo::id).toList());
    assertTrue(bot.connections().isEmpty());
    ExecutionException e = assertThrows(ExecutionException.class,
        () -> bot.createInvitation(null).get(WAIT, TimeUnit.SECONDS));
    assertEquals(AgentException.Reason.UNKNOWN_PROFILE,
        assertInstanceOf(AgentException.class, e.getCause()).reason());

    // Bob's next message fails at the relay; the person's chat goes on.
    bob.agent().sendText(bobSide, "anyone?", null).get(WAIT, TimeUnit.SECONDS);
    bob.events().await(EventRecorder.status(bobSide, "failed"));
    alice.agent().sendText(personal.joinerConnection(), "still here", null)
        .get(WAIT, TimeUnit.SECONDS);
    host.events().await(is(AgentEvent.MESSAGE_RECEIVED, personal.inviterConnection()));

    // Once nothing refers to it, the profile's row goes too: a restart does not bring it back.
    net.agent("host");
    assertEquals(List.of(ProfileInfo.DEFAULT_ID), net.agent("host").agent().profiles().stream()
        .map(ProfileInfo::id).toList());
  }

  @Test
  void theDefaultProfileCannotBeDeletedAndBadNamesAreRefused() throws Exception {
    TestAgent host = net.agent("host");
    ExecutionException def = assertThrows(ExecutionException.class, () -> host.agent()
        .deleteProfile(ProfileInfo.DEFAULT_ID, null).get(WAIT, TimeUnit.SECONDS));
    assertEquals(AgentException.Reason.INVALID_ARGUMENT,
        assertInstanceOf(AgentException.class, def.getCause()).reason());
    for (String bad : new String[] {"", "  ", "a\u0000b", "x".repeat(101)}) {
      ExecutionException e = assertThrows(ExecutionException.class, () -> host.agent()
          .createProfile(bad, null, null).get(WAIT, TimeUnit.SECONDS));
      assertEquals(AgentException.Reason.INVALID_ARGUMENT,
          assertInstanceOf(AgentException.class, e.getCause()).reason());
    }
    assertEquals(1, host.agent().profiles().size(), "nothing was created");
    ProfileInfo renamed = host.agent().updateProfile(ProfileInfo.DEFAULT_ID, "Alice", "me")
        .get(WAIT, TimeUnit.SECONDS);
    assertEquals("Alice", renamed.displayName());
    assertEquals("Alice", net.agent("host").agent().profiles().get(0).displayName(),
        "the name is stored");
  }
}

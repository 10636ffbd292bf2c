package io.parley.agent;

import static io.parley.agent.DeletionTest.assertReason;
import static io.parley.agent.testing.EventRecorder.is;
import static io.parley.agent.testing.EventRecorder.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.agent.error.AgentException;
import io.parley.agent.event.AgentEvent;
import io.parley.agent.model.NewInvitation;
import io.parley.agent.testing.TestNetwork;
import io.parley.agent.testing.TestNetwork.Pair;
import io.parley.agent.testing.TestNetwork.TestAgent;
import io.parley.protocol.agent.RekeyLink;
import io.parley.protocol.crypto.SecureRandoms;
import io.parley.testkit.LeakCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Re-key through an out-of-band link, and ratchet resync after a restored backup. */
@ExtendWith(LeakCheck.class)
class RekeyTest {
  private static final Duration LONG = Duration.ofSeconds(60);
  private static final int IN_FLIGHT = 10;

  @RegisterExtension
  final TestNetwork net = new TestNetwork();

  @Test
  void aRekeyThroughALinkChangesBothSecurityCodesEquallyAndLosesNoMessageSentEitherWayDuringIt()
      throws Exception {
    TestAgent alice = net.agent("alice");
    TestAgent bob = net.agent("bob");
    Pair p = net.connect(alice, bob);
    String a = p.inviterConnection();
    String b = p.joinerConnection();
    String before = code(alice, a);

    sendAll(alice, a, "a", 0, IN_FLIGHT);
    sendAll(bob, b, "b", 0, IN_FLIGHT);
    String link = alice.agent().createRekeyLink(a).get(30, TimeUnit.SECONDS);
    sendAll(alice, a, "a", IN_FLIGHT, 2 * IN_FLIGHT);
    // Bob finds the connection by the link's handle: no id given.
    assertEquals(b, bob.agent().openRekeyLink(link, null).get(30, TimeUnit.SECONDS));
    sendAll(bob, b, "b", IN_FLIGHT, 2 * IN_FLIGHT);
    sendAll(alice, a, "a", 2 * IN_FLIGHT, 3 * IN_FLIGHT);

    AgentEvent bobSide = bob.events().await(is(AgentEvent.CONNECTION_REKEYED, b));
    AgentEvent aliceSide = alice.events().await(is(AgentEvent.CONNECTION_REKEYED, a));
    assertEquals(aliceSide.data().get("securityCode"), bobSide.data().get("securityCode"));
    assertNotEquals(before, aliceSide.data().get("securityCode"), "the code changed");
    assertEquals(code(alice, a), code(bob, b));
    assertEquals(aliceSide.data().get("securityCode"), code(alice, a));

    assertReceivedInOrder(bob, b, "a", 3 * IN_FLIGHT);
    assertReceivedInOrder(alice, a, "b", 2 * IN_FLIGHT);
    // After the switch both ways work under the new ratchet, and everything is delivered.
    sendAll(alice, a, "a", 3 * IN_FLIGHT, 3 * IN_FLIGHT + 1);
    sendAll(bob, b, "b", 2 * IN_FLIGHT, 2 * IN_FLIGHT + 1);
    assertReceivedInOrder(bob, b, "a", 3 * IN_FLIGHT + 1);
    assertReceivedInOrder(alice, a, "b", 2 * IN_FLIGHT + 1);
    alice.events().awaitCount(status(a, "delivered"), 3 * IN_FLIGHT + 1, LONG);
    bob.events().awaitCount(status(b, "delivered"), 2 * IN_FLIGHT + 1, LONG);
    assertEquals(List.of(), alice.events().matching(is(AgentEvent.MESSAGE_ERROR, a)));
    assertEquals(List.of(), bob.events().matching(is(AgentEvent.MESSAGE_ERROR, b)));
  }

  @Test
  void aRekeyHalfDoneWhenBothAgentsRestartFinishesFromWhatTheyStored() throws Exception {
    TestAgent alice = net.agent("alice");
    TestAgent bob = net.agent("bob");
    Pair p = net.connect(alice, bob);
    String a = p.inviterConnection();
    String b = p.joinerConnection();
    String link = alice.agent().createRekeyLink(a).get(30, TimeUnit.SECONDS);
    net.stop("alice");

    bob.agent().openRekeyLink(link, null).get(30, TimeUnit.SECONDS);
    bob.agent().sendText(b, "during", null).get(30, TimeUnit.SECONDS);
    String bobCode = code(bob, b);
    bob = net.agent("bob");
    alice = net.agent("alice");

    alice.events().await(is(AgentEvent.CONNECTION_REKEYED, a));
    await(alice, a, "during");
    assertEquals(bobCode, code(alice, a));
    assertEquals(bobCode, code(bob, b), "the opener's code survived its restart");
    alice.agent().sendText(a, "after", null).get(30, TimeUnit.SECONDS);
    await(bob, b, "after");
    bob.agent().sendText(b, "after too", null).get(30, TimeUnit.SECONDS);
    await(alice, a, "after too");
  }

  @Test
  void aReKeyLinkIsSingleUseAndCannotBeOpenedByTheSideThatMadeIt() throws Exception {
    TestAgent alice = net.agent("alice");
    TestAgent bob = net.agent("bob");
    Pair p = net.connect(alice, bob);
    String link = alice.agent().createRekeyLink(p.inviterConnection()).get(30, TimeUnit.SECONDS);

    assertReason(AgentException.Reason.BAD_LINK,
        () -> alice.agent().openRekeyLink(link, p.inviterConnection()).get());
    bob.agent().openRekeyLink(link, p.joinerConnection()).get(30, TimeUnit.SECONDS);
    assertReason(AgentException.Reason.LINK_ALREADY_USED,
        () -> bob.agent().openRekeyLink(link, p.joinerConnection()).get());
    alice.events().await(is(AgentEvent.CONNECTION_REKEYED, p.inviterConnection()));
    assertEquals(code(alice, p.inviterConnection()), code(bob, p.joinerConnection()));
  }

  @Test
  void rekeyCallsOnUnknownOrPendingConnectionsAndMalformedLinksFailWithTypedReasons()
      throws Exception {
    TestAgent alice = net.agent("alice");
    assertReason(AgentException.Reason.UNKNOWN_CONNECTION,
        () -> alice.agent().createRekeyLink("nope").get());
    assertReason(AgentException.Reason.UNKNOWN_CONNECTION,
        () -> alice.agent().resyncRatchet("nope").get());
    NewInvitation pending = alice.agent().createInvitation(null).get(30, TimeUnit.SECONDS);
    assertReason(AgentException.Reason.NOT_ESTABLISHED,
        () -> alice.agent().createRekeyLink(pending.connectionId()).get());
    assertReason(AgentException.Reason.NOT_ESTABLISHED,
        () -> alice.agent().resyncRatchet(pending.connectionId()).get());
    assertReason(AgentException.Reason.BAD_LINK,
        () -> alice.agent().openRekeyLink("parley:/rekey#/?v=1&c=xx", null).get());
    assertReason(AgentException.Reason.BAD_LINK,
        () -> alice.agent().openRekeyLink(pending.link(), null).get());
  }

  @Test
  void aManInTheMiddleWhoSubstitutesTheKeysOfTheRekeyAnswerIsRefusedAndTheCodesDiffer()
      throws Exception {
    TestAgent alice = net.agent("alice");
    TestAgent bob = net.agent("bob");
    TestAgent mallory = net.agent("mallory");
    // Mallory sits in the middle since first contact: she joined Alice's invitation and gave
    // Bob an invitation of her own in its place (SecurityTest).
    NewInvitation fromAlice = alice.agent().createInvitation(null).get(30, TimeUnit.SECONDS);
    NewInvitation own = mallory.agent().createInvitation(null).get(30, TimeUnit.SECONDS);
    String malloryToAlice = mallory.agent().join(fromAlice.link(), null)
        .get(30, TimeUnit.SECONDS);
    String bobSide = bob.agent().join(own.link(), null).get(30, TimeUnit.SECONDS);
    String aliceSide = fromAlice.connectionId();
    alice.events().await(is(AgentEvent.CONNECTION_ESTABLISHED, aliceSide));
    bob.events().await(is(AgentEvent.CONNECTION_ESTABLISHED, bobSide));
    mallory.events().await(is(AgentEvent.CONNECTION_ESTABLISHED, malloryToAlice));
    String aliceBefore = code(alice, aliceSide);

    // The link goes from Alice to Bob out of band; Mallory never sees it. Bob opens it on his
    // connection (his code differs from Alice's, so he names it).
    String link = alice.agent().createRekeyLink(aliceSide).get(30, TimeUnit.SECONDS);
    bob.agent().openRekeyLink(link, bobSide).get(30, TimeUnit.SECONDS);
    // Mallory answers Alice with her own keys: without the link's secret her MAC is made
    // under a guess (she knows the handle and the keys only if she saw the link; give them).
    RekeyLink real = RekeyLink.parse(link);
    String forged = new RekeyLink(real.handle(), real.key1(), real.key2(),
        SecureRandoms.bytes(RekeyLink.SECRET_BYTES), real.kemKey()).encode();
    mallory.agent().openRekeyLink(forged, malloryToAlice).get(30, TimeUnit.SECONDS);

    AgentEvent refused = alice.events().await(e -> is(AgentEvent.CONNECTION_ERROR, aliceSide)
        .test(e) && "rekey_unauthenticated".equals(e.data().get("reason")));
    assertTrue(refused.data().size() == 1, "the event names the reason only");
    assertEquals(List.of(), alice.events().matching(is(AgentEvent.CONNECTION_REKEYED, aliceSide)));
    assertEquals(aliceBefore, code(alice, aliceSide), "Alice kept her ratchet and code");
    assertNotEquals(code(alice, aliceSide), code(bob, bobSide), "the codes show the attack");
    // Bob's honest answer reached Mallory, whose connection to Bob has no link: reported.
    mallory.events().await(e -> AgentEvent.CONNECTION_ERROR.equals(e.type())
        && "rekey_unexpected".equals(e.data().get("reason")));
  }

  @Test
  void aRestoredBackupIsReportedAsADesyncAndAResyncMakesMessagesFlowAgain() throws Exception {
    TestAgent alice = net.agent("alice");
    TestAgent bob = net.agent("bob");
    Pair p = net.connect(alice, bob);
    String a = p.inviterConnection();
    String b = p.joinerConnection();
    exchange(alice, a, bob, b, 0);

    net.stop("bob");
    Path backup = net.dataDir("bob").resolveSibling("bob-backup");
    copyTree(net.dataDir("bob"), backup);
    bob = net.agent("bob");
    for (int round = 1; round <= 3; round++) {
      exchange(alice, a, bob, b, round);
    }
    net.stop("bob");
    deleteTree(net.dataDir("bob"));
    copyTree(backup, net.dataDir("bob"));
    bob = net.agent("bob");

    alice.agent().sendText(a, "lost-1", null).get(30, TimeUnit.SECONDS);
    alice.agent().sendText(a, "lost-2", null).get(30, TimeUnit.SECONDS);
    AgentEvent desync = bob.events().await(is(AgentEvent.CONNECTION_RATCHET_DESYNC, b));
    assertEquals("undecryptable", desync.data().get("reason"));
    assertEquals(2, bob.events().matching(is(AgentEvent.MESSAGE_ERROR, b)).size());

    bob.agent().resyncRatchet(b).get(30, TimeUnit.SECONDS);
    AgentEvent bobDone = bob.events().await(is(AgentEvent.CONNECTION_RATCHET_RESYNCED, b));
    AgentEvent aliceDone = alice.events().await(is(AgentEvent.CONNECTION_RATCHET_RESYNCED, a));
    assertEquals(aliceDone.data().get("securityCode"), bobDone.data().get("securityCode"));
    assertEquals(code(alice, a), code(bob, b));

    alice.agent().sendText(a, "after-a", null).get(30, TimeUnit.SECONDS);
    await(bob, b, "after-a");
    bob.agent().sendText(b, "after-b", null).get(30, TimeUnit.SECONDS);
    await(alice, a, "after-b");
    alice.agent().sendText(a, "after-a2", null).get(30, TimeUnit.SECONDS);
    AgentEvent last = await(bob, b, "after-a2");
    assertEquals("ok", ((Map<?, ?>) last.data().get("integrity")).get("kind"));
  }

  /** One message each way, each waited for, so both ratchets take a DH step. */
  private static void exchange(TestAgent alice, String a, TestAgent bob, String b, int round)
      throws Exception {
    alice.agent().sendText(a, "ping-" + round, null).get(30, TimeUnit.SECONDS);
    await(bob, b, "ping-" + round);
    bob.agent().sendText(b, "pong-" + round, null).get(30, TimeUnit.SECONDS);
    await(alice, a, "pong-" + round);
  }

  private static AgentEvent await(TestAgent to, String connection, String text)
      throws InterruptedException {
    return to.events().await(e -> is(AgentEvent.MESSAGE_RECEIVED, connection).test(e)
        && text.equals(e.data().get("text")));
  }

  private static String code(TestAgent t, String connection) {
    return t.agent().connection(connection).orElseThrow().securityCode();
  }

  private static void sendAll(TestAgent from, String connection, String prefix, int first,
      int end) {
    for (int i = first; i < end; i++) {
      from.agent().sendText(connection, prefix + i, null);
    }
  }

  private static void assertReceivedInOrder(TestAgent to, String connection, String prefix,
      int n) throws InterruptedException {
    List<AgentEvent> got = to.events().awaitCount(
        is(AgentEvent.MESSAGE_RECEIVED, connection), n, LONG);
    List<String> texts = new ArrayList<>();
    for (AgentEvent e : got) {
      texts.add((String) e.data().get("text"));
      assertEquals("ok", ((Map<?, ?>) e.data().get("integrity")).get("kind"));
    }
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      expected.add(prefix + i);
    }
    assertEquals(expected, texts);
  }

  private static void copyTree(Path from, Path to) throws Exception {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  private static void deleteTree(Path dir) throws Exception {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    }
  }

}

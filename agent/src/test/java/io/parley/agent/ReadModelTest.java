package io.parley.agent;

import static io.parley.agent.testing.EventRecorder.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.agent.event.AgentEvent;
import io.parley.agent.model.ConnectionInfo;
import io.parley.agent.model.NewInvitation;
import io.parley.agent.readmodel.EventLogSpan;
import io.parley.agent.readmodel.HistoryEntry;
import io.parley.agent.testing.TestNetwork.Pair;
import io.parley.agent.testing.TestNetwork.TestAgent;
import io.parley.agent.testing.TestNetwork;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What a front-end reads through the agent's public API instead of its store rows. */
class ReadModelTest {
  @RegisterExtension
  final TestNetwork net = new TestNetwork();

  @Test
  void historyPagesBothDirectionsAroundAMessageAndAnUnknownAnchorIsEmpty() throws Exception {
    TestAgent alice = net.agent("alice");
    TestAgent bob = net.agent("bob");
    Pair p = net.connect(alice, bob);
    String sent = alice.agent().sendText(p.inviterConnection(), "one", null)
        .get(10, TimeUnit.SECONDS).messageId();
    bob.agent().sendText(p.joinerConnection(), "two", null).get(10, TimeUnit.SECONDS);
    alice.events().await(is(AgentEvent.MESSAGE_RECEIVED, p.inviterConnection()));

    List<HistoryEntry> all = alice.agent().history().latest(p.inviterConnection(), 10);
    assertEquals(List.of("one", "two"), all.stream().map(HistoryEntry::text).toList());
    assertFalse(all.get(0).incoming());
    assertTrue(all.get(1).incoming());
    assertFalse(all.get(1).toString().contains("two"), "toString leaves the text out");
    assertEquals(List.of("two"), alice.agent().history()
        .after(p.inviterConnection(), sent, 10).orElseThrow().stream()
        .map(HistoryEntry::text).toList());
    assertEquals(all.get(1), alice.agent().history().incoming(all.get(1).id()).orElseThrow());
    assertTrue(alice.agent().history().before(p.joinerConnection(), sent, 10).isEmpty(),
        "a message of another connection is no anchor");
    assertEquals(1, alice.agent().stats().connectionsByStatus().get("established"));
  }

  @Test
  void aDeletedConnectionIsOnRecordOnlyAsDeletedAndOnlyAPendingOneHasAnInvitation()
      throws Exception {
    TestAgent alice = net.agent("alice");
    NewInvitation inv = alice.agent().createInvitation("later").get(10, TimeUnit.SECONDS);
    assertEquals(inv.link(), alice.agent().pendingInvitation(inv.connectionId()).orElseThrow());
    assertEquals(ConnectionInfo.Status.PENDING,
        alice.agent().connectionOnRecord(inv.connectionId()).orElseThrow().status());

    alice.agent().deleteConnection(inv.connectionId()).get(10, TimeUnit.SECONDS);
    assertTrue(alice.agent().connection(inv.connectionId()).isEmpty());
    // The row stays (as deleted) until its queue is deleted on the relay, then goes.
    assertEquals(ConnectionInfo.Status.DELETED,
        alice.agent().connectionOnRecord(inv.connectionId()).map(ConnectionInfo::status)
            .orElse(ConnectionInfo.Status.DELETED));
    assertTrue(alice.agent().pendingInvitation(inv.connectionId()).isEmpty());
    assertTrue(alice.agent().connectionOnRecord("no-such-id").isEmpty());
  }

  @Test
  void retentionMovesTheKeptSpanPastTheDeletedEventsButNeverTheLatestSeq() throws Exception {
    TestAgent alice = net.agent("alice");
    alice.agent().createInvitation(null).get(10, TimeUnit.SECONDS);
    EventLogSpan before = alice.agent().eventLogSpan();
    assertTrue(before.latestSeq() >= 1 && before.oldestSeq() <= before.latestSeq());

    int deleted = alice.agent().deleteEventsOlderThan(Long.MAX_VALUE).get(10, TimeUnit.SECONDS);
    EventLogSpan after = alice.agent().eventLogSpan();
    assertTrue(deleted >= 1);
    // Relay events may be committed meanwhile; whatever was there before is gone.
    assertTrue(after.latestSeq() >= before.latestSeq(), "sequence numbers are never reused");
    assertTrue(after.oldestSeq() > before.latestSeq(), after.toString());
    assertEquals(after.oldestSeq() - 1, after.expiredUpTo());
  }
}

package io.parley.agent.internal.store;

import static io.parley.agent.internal.store.StoreFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.parley.protocol.crypto.SecureRandoms;
import io.parley.testkit.Await;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InboxStoreTest {
  @TempDir Path dir;
  private Database db;
  private String conn;

  @BeforeEach
  void open() throws Exception {
    db = Database.open(dir);
    conn = write(db, StoreFixtures::connection).id();
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void historyPagesBeforeAndAfterAMessageComeOldestFirst() throws Exception {
    List<String> ids = receive(conn, 10);
    String other = write(db, StoreFixtures::connection).id();
    String foreign = receive(other, 1).get(0);

    assertEquals(ids.subList(7, 10), pageIds(db.read(tx -> tx.inbox().latest(conn, 3))));
    assertEquals(ids.subList(4, 7),
        pageIds(db.read(tx -> tx.inbox().before(conn, ids.get(7), 3))));
    assertEquals(ids.subList(2, 5),
        pageIds(db.read(tx -> tx.inbox().after(conn, ids.get(1), 3))));
    assertEquals(List.of(), pageIds(db.read(tx -> tx.inbox().before(conn, ids.get(0), 3))));
    assertEquals(ids.subList(9, 10), pageIds(db.read(tx -> tx.inbox().latest(conn, 0))));
    assertThrows(RowNotFoundException.class,
        () -> db.read(tx -> tx.inbox().before(conn, "no-such-id", 3)));
    assertThrows(RowNotFoundException.class,
        () -> db.read(tx -> tx.inbox().after(conn, foreign, 3)));
  }

  @Test
  void aSkippedMessageMustCarryTheGapItReports() throws Exception {
    Throwable missingGap = Await.failure(db.write(tx -> {
      tx.inbox().insert(message(conn, 5, MsgIntegrity.SKIPPED));
      return null;
    }));
    assertInstanceOf(StoreException.class, missingGap);

    InMessageRow skipped = message(conn, 5, MsgIntegrity.OK).withSkipped(1, 4);
    write(db, tx -> {
      tx.inbox().insert(skipped);
      return null;
    });
    InMessageRow read = db.read(tx -> tx.inbox().get(skipped.id()));
    assertEquals(MsgIntegrity.SKIPPED, read.integrity());
    assertEquals(1L, read.skippedFrom());
    assertEquals(4L, read.skippedTo());
    assertEquals("message 5", read.text());
  }

  private List<String> receive(String connectionId, int count) throws Exception {
    return write(db, tx -> {
      List<String> ids = new ArrayList<>();
      for (int i = 1; i <= count; i++) {
        InMessageRow m = message(connectionId, i, MsgIntegrity.OK);
        tx.inbox().insert(m);
        ids.add(m.id());
      }
      return ids;
    });
  }

  private static InMessageRow message(String connectionId, long agentMsgId, MsgIntegrity i) {
    return InMessageRow.received(connectionId, agentMsgId, "message " + agentMsgId, i,
        SecureRandoms.bytes(32), 1_000 + agentMsgId);
  }

  private static List<String> pageIds(List<InMessageRow> page) {
    return page.stream().map(InMessageRow::id).toList();
  }
}

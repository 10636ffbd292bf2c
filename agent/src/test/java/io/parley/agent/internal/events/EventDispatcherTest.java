package io.parley.agent.internal.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.agent.event.AgentEvent;
import io.parley.agent.internal.store.Database;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventDispatcherTest {
  private static final long DEADLINE_SECONDS = 10;

  @Test
  void listenersGetCommittedEventsInOrderWithoutGapsEvenWhenOneWasWrittenAroundTheWriter(
      @TempDir Path dir) throws Exception {
    try (Database db = Database.open(dir)) {
      List<AgentEvent> seen = new CopyOnWriteArrayList<>();
      CountDownLatch all = new CountDownLatch(50);
      try (EventDispatcher dispatcher = new EventDispatcher(db, "test-events")) {
        dispatcher.addListener(e -> {
          seen.add(e);
          all.countDown();
        });
        append(db, "one");
        // Written on another connection: never handed over by the writer, so the next
        // handed-over event leaves a gap that the dispatcher must fill from the log.
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db.file());
            Statement s = c.createStatement()) {
          s.executeUpdate("INSERT INTO events (type, time, connection_id, data)"
              + " VALUES ('test.two', 0, NULL, '{}')");
        }
        append(db, "three");
        for (int i = 4; i <= 50; i++) {
          append(db, "n" + i);
        }
        all.await(DEADLINE_SECONDS, TimeUnit.SECONDS);
      }
      assertEquals(50, seen.size());
      assertEquals("test.one", seen.get(0).type());
      assertEquals("test.two", seen.get(1).type());
      assertEquals("test.three", seen.get(2).type());
      for (int i = 1; i < seen.size(); i++) {
        assertTrue(seen.get(i).seq() == seen.get(i - 1).seq() + 1, "no gap, no repeat at " + i);
      }
    }
  }

  private static void append(Database db, String name) throws Exception {
    db.write(tx -> EventLog.append(tx, "test." + name, null, Map.of())).get(10, TimeUnit.SECONDS);
  }
}

package io.parley.agent.internal.store;

import static io.parley.agent.internal.store.StoreFixtures.write;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.protocol.crypto.SecureRandoms;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Forensics on the database file itself: what the daemon replaced or deleted must not be left
 * readable in it, whichever page it was on.
 */
class SecureDeleteTest {
  private static final long T0 = 1_700_000_000_000L;

  @TempDir Path dir;

  @Test
  void aReplacedRatchetStateLeavesNoCopyInTheDatabaseFile() throws Exception {
    byte[] oldRatchet = SecureRandoms.bytes(700);
    // Larger, as when keys are skipped: SQLite rewrites an equal-sized record in place, but a
    // grown one goes elsewhere on the page and the old cell's space is merely freed.
    byte[] newRatchet = SecureRandoms.bytes(1_200);
    try (Database db = Database.open(dir)) {
      ConnectionRow c = write(db, tx -> {
        ConnectionRow first = StoreFixtures.connection(tx);
        tx.connections().update(first.withHandshakeDone(oldRatchet, "1234"));
        // A neighbour stored after it, so the old cell is not at the edge of the page's free
        // area (where the next record would overwrite it anyway).
        StoreFixtures.connection(tx);
        return first;
      });
      write(db, tx -> {
        tx.connections().advanceReceiving(c.id(), 1, new byte[32], newRatchet);
        return null;
      });
    } // closing checkpoints the WAL into the file and removes the WAL
    byte[] file = Files.readAllBytes(dir.resolve(Database.FILE_NAME));
    assertTrue(contains(file, slice(newRatchet)), "the probe finds what is there");
    assertFalse(contains(file, slice(oldRatchet)), "the old ratchet state is still readable");
  }

  @Test
  void aDeletedConnectionLeavesNoTraceOfItsMessagesEvenOnPagesThatWereFreed() throws Exception {
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      // Some longer than a page, so they spill to overflow pages that the delete frees.
      int bytes = i % 4 == 0 ? 9_000 : 900;
      texts.add(HexFormat.of().formatHex(SecureRandoms.bytes(bytes / 2)));
    }
    try (Database db = Database.open(dir)) {
      ConnectionRow c = write(db, StoreFixtures::connection);
      write(db, tx -> {
        for (int i = 0; i < texts.size(); i++) {
          tx.inbox().insert(InMessageRow.received(c.id(), i + 1, texts.get(i), MsgIntegrity.OK,
              new byte[32], T0));
        }
        return null;
      });
      write(db, tx -> tx.connections().delete(c.id()));
    }
    byte[] file = Files.readAllBytes(dir.resolve(Database.FILE_NAME));
    for (String text : texts) {
      byte[] probe = slice(text.getBytes(StandardCharsets.US_ASCII));
      assertFalse(contains(file, probe), "a deleted message is still readable");
    }
  }

  /** 32 bytes from the middle: enough to be unique, and clear of any page boundary split. */
  private static byte[] slice(byte[] b) {
    int from = b.length / 2;
    byte[] s = new byte[32];
    System.arraycopy(b, from, s, 0, s.length);
    return s;
  }

  private static boolean contains(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}

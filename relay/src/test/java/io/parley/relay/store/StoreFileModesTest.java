package io.parley.relay.store;

import static io.parley.relay.store.RelayStoreContractTest.newQueue;
import static io.parley.relay.store.RelayStoreContractTest.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Queue ids, keys and waiting messages are readable by the relay's user only. */
class StoreFileModesTest {
  @TempDir Path parent;

  @BeforeEach
  void posixOnly() {
    assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
  }

  private static String mode(Path p) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  private static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.toList();
    }
  }

  @Test
  void theStoreDirectoryIsOwnerOnlyAndEveryFileInItIsReadableByTheOwnerOnly() throws Exception {
    Path dir = parent.resolve("store");
    try (JournalRelayStore s = StoreTestSupport.open(dir)) {
      send(s, newQueue(s), "hello", 1);
    }
    // Reopening compacts: the snapshot is written to a temp file and moved into place.
    try (JournalRelayStore s = StoreTestSupport.open(dir)) {
      send(s, newQueue(s), "again", 2);
    }
    assertEquals("rwx------", mode(dir));
    List<Path> files = files(dir);
    assertTrue(files.size() >= 3, "queue log, a segment and the lock: " + files);
    for (Path f : files) {
      assertEquals("rw-------", mode(f), f.toString());
    }
  }

  @Test
  void aWorldReadableStoreDirectoryFromAnOlderRelayIsNarrowedAtOpen() throws Exception {
    Path dir = Files.createDirectory(parent.resolve("store"),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    try (JournalRelayStore s = StoreTestSupport.open(dir)) {
      newQueue(s);
    }
    assertEquals("rwx------", mode(dir));
  }
}

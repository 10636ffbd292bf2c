package io.parley.relay.store;


import io.parley.protocol.crypto.SecureRandoms;
import io.parley.relay.store.StoreConfig.FsyncPolicy;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Files and waiting helpers shared by the persistence tests. */
final class StoreTestSupport {
  private StoreTestSupport() {}

  static StoreConfig config(Path dir, FsyncPolicy policy) {
    return StoreConfig.persistent(dir).withFsyncPolicy(policy).withFsyncIntervalMillis(5);
  }

  static JournalRelayStore open(Path dir) throws StoreException {
    return JournalRelayStore.open(StoreConfig.persistent(dir));
  }

  static JournalRelayStore open(StoreConfig config, StoreTuning tuning) throws StoreException {
    return JournalRelayStore.open(
        config, () -> SecureRandoms.bytes(24), tuning);
  }

  static List<Path> segments(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".seg")).sorted().toList();
    }
  }

  static Path lastSegment(Path dir) throws IOException {
    List<Path> all = segments(dir);
    return all.get(all.size() - 1);
  }

  /**
   * Bytes in the journal's segments. Online compaction may delete a segment between the listing
   * and its size check; a segment that vanished holds no bytes any more.
   */
  static long journalBytes(Path dir) throws IOException {
    long total = 0;
    for (Path p : segments(dir)) {
      try {
        total += Files.size(p);
      } catch (java.nio.file.NoSuchFileException compactedAway) {
        // counted as zero: it is gone
      }
    }
    return total;
  }

  /** Start offsets of the frames of a store file, header record first. */
  static List<Long> frameOffsets(Path file) throws IOException {
    List<Long> offsets = new ArrayList<>();
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long pos = 0;
      ByteBuffer len = ByteBuffer.allocate(4);
      while (pos < ch.size()) {
        offsets.add(pos);
        len.clear();
        ch.read(len, pos);
        pos += Frames.HEADER_BYTES + (len.getInt(0) & 0xFFFF_FFFFL);
      }
    }
    return offsets;
  }

  /** Inverts one byte of {@code file} at {@code offset}. */
  static void flipByte(Path file, long offset) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ,
        StandardOpenOption.WRITE)) {
      ByteBuffer b = ByteBuffer.allocate(1);
      ch.read(b, offset);
      b.put(0, (byte) ~b.get(0)).rewind();
      ch.write(b, offset);
    }
  }

  static void truncateBy(Path file, long bytes) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.truncate(ch.size() - bytes);
    }
  }

  static void appendBytes(Path file, byte[] bytes) throws IOException {
    Files.write(file, bytes, StandardOpenOption.APPEND);
  }
}

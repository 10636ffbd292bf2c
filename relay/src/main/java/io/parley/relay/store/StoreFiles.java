package io.parley.relay.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Names and whole-file operations of a store directory: {@code queues.log}, journal segments
 * {@code journal-<12-digit number>.seg}, and {@code .tmp} files being written. Stateless apart
 * from the directory; thread-safe.
 */
final class StoreFiles {
  static final String QUEUE_LOG = "queues.log";
  static final String TEMP_SUFFIX = ".tmp";
  private static final String SEGMENT_PREFIX = "journal-";
  private static final String SEGMENT_SUFFIX = ".seg";
  private static final boolean WINDOWS =
      System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");

  private final Path dir;

  StoreFiles(Path dir) {
    this.dir = dir;
  }

  Path dir() {
    return dir;
  }

  Path queueLog() {
    return dir.resolve(QUEUE_LOG);
  }

  Path segment(long number) {
    return dir.resolve(String.format(Locale.ROOT, "%s%012d%s",
        SEGMENT_PREFIX, number, SEGMENT_SUFFIX));
  }

  static Path temp(Path file) {
    return file.resolveSibling(file.getFileName() + TEMP_SUFFIX);
  }

  /** Numbers of the journal segments present, ascending. */
  List<Long> segmentNumbers() throws IOException {
    List<Long> numbers = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        String name = p.getFileName().toString();
        if (name.startsWith(SEGMENT_PREFIX) && name.endsWith(SEGMENT_SUFFIX)) {
          String digits = name.substring(SEGMENT_PREFIX.length(),
              name.length() - SEGMENT_SUFFIX.length());
          if (digits.length() == 12 && digits.chars().allMatch(Character::isDigit)) {
            numbers.add(Long.parseLong(digits));
          }
        }
      }
    }
    numbers.sort(null);
    return numbers;
  }

  /** Removes files a crash left half-written; they never replaced anything. */
  void deleteTemps() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        if (p.getFileName().toString().endsWith(TEMP_SUFFIX)) {
          Files.delete(p);
        }
      }
    }
  }

  /** Atomically replaces {@code target} by its fully written and fsynced temp file. */
  void publish(Path temp, Path target) throws IOException {
    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    syncDirectory();
  }

  /** Makes creations, renames and deletions in the directory durable. */
  void syncDirectory() throws IOException {
    if (WINDOWS) {
      return; // directories cannot be opened for fsync there; NTFS journals metadata itself
    }
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }
}

package io.parley.relay.store;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The message journal as a numbered series of segment files: the active one the committer
 * appends to, and closed ones that online compaction replaces by a snapshot. Tracks the bytes
 * on disk and the bytes of live message records to decide when most of the journal is
 * garbage. The active segment is touched only by the committer thread; the counters are
 * atomic because appenders and the compactor update them too.
 */
final class JournalSegments {
  private static final System.Logger LOG = System.getLogger(JournalSegments.class.getName());

  private final StoreFiles files;
  private final StoreTuning tuning;
  private final LiveView live;
  private final AtomicLong diskBytes;
  private final AtomicLong liveBytes;
  private final JournalCompactor compactor;
  private AppendOnlyFile active;
  private long lastNumber;
  /** After a failed compaction, wait for the journal to grow this large before retrying. */
  private volatile long nextAttemptBytes;

  /** What compaction reads: the live queues and the message sequence counter. */
  interface LiveView {
    Iterable<QueueState> queues();

    long nextSeq();
  }

  JournalSegments(StoreFiles files, StoreTuning tuning, LiveView live, long activeNumber,
      long diskBytes, long liveBytes) throws IOException {
    this.files = files;
    this.tuning = tuning;
    this.live = live;
    this.lastNumber = activeNumber;
    this.active = AppendOnlyFile.open(tuning.opener(), files.segment(activeNumber), header());
    files.syncDirectory();
    this.diskBytes = new AtomicLong(diskBytes + active.size());
    this.liveBytes = new AtomicLong(liveBytes);
    this.compactor = new JournalCompactor(this);
  }

  AppendOnlyFile active() {
    return active;
  }

  void written(long bytes) {
    diskBytes.addAndGet(bytes);
  }

  /** A message record became live (positive) or garbage (negative). */
  void live(long delta) {
    liveBytes.addAndGet(delta);
  }

  /** Committer thread, after each batch: start a new segment or an online compaction. */
  void afterBatch() {
    long disk = diskBytes.get();
    boolean mostlyGarbage = disk >= tuning.compactionMinBytes()
        && disk > StoreTuning.GARBAGE_RATIO * Math.max(0, liveBytes.get())
        && disk >= nextAttemptBytes
        && !compactor.running();
    if (!mostlyGarbage && active.size() < tuning.maxSegmentBytes()) {
      return;
    }
    try {
      long snapshotNumber = mostlyGarbage ? ++lastNumber : 0;
      roll();
      if (mostlyGarbage) {
        compactor.start(snapshotNumber);
      }
    } catch (IOException e) {
      // The old segment stays active; the next batch tries again.
      LOG.log(Level.WARNING, "cannot start a new journal segment: {0}", e.toString());
    }
  }

  /** Closes the active segment (durably) and continues in a fresh one. */
  private void roll() throws IOException {
    long number = lastNumber + 1;
    AppendOnlyFile next = AppendOnlyFile.create(tuning.opener(), files.segment(number), header());
    try {
      active.force();
      files.syncDirectory();
    } catch (IOException e) {
      next.close();
      Files.deleteIfExists(files.segment(number));
      throw e;
    }
    lastNumber = number;
    AppendOnlyFile old = active;
    active = next;
    diskBytes.addAndGet(next.size());
    old.close();
  }

  /** Compactor thread: snapshot {@code number} is published; older segments are obsolete. */
  void snapshotPublished(long number, long snapshotBytes) throws IOException {
    long freed = 0;
    for (long n : files.segmentNumbers()) {
      if (n < number) {
        Path p = files.segment(n);
        long size = Files.size(p);
        Files.delete(p);
        freed += size;
      }
    }
    files.syncDirectory();
    diskBytes.addAndGet(snapshotBytes - freed);
  }

  void compactionFailed() {
    nextAttemptBytes = StoreTuning.GARBAGE_RATIO * diskBytes.get();
  }

  StoreFiles files() {
    return files;
  }

  StoreTuning tuning() {
    return tuning;
  }

  LiveView live() {
    return live;
  }

  void force() throws IOException {
    active.force();
  }

  /** Stops compaction and closes the active segment; the committer has finished. */
  void close() throws IOException {
    compactor.close();
    active.close();
  }

  private FileHeader header() {
    return new FileHeader(FileHeader.JOURNAL_MAGIC, FileHeader.KIND_LOG, live.nextSeq());
  }
}

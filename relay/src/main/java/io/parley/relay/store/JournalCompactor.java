package io.parley.relay.store;

import java.lang.System.Logger.Level;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Online compaction of the message journal, on its own thread so appends continue meanwhile:
 * writes the live messages as a snapshot segment numbered just below the new active segment,
 * then deletes the older segments. Replay tolerates the overlap between the snapshot and the
 * active segment (docs/relay-store.md). At most one compaction runs at a time.
 */
final class JournalCompactor {
  private static final System.Logger LOG = System.getLogger(JournalCompactor.class.getName());
  /** How long close waits for an aborted compaction to clean up. UNIT: seconds. */
  private static final long CLOSE_WAIT_SECONDS = 30;

  private final JournalSegments segments;
  private final ExecutorService thread;
  private volatile boolean running;
  private volatile boolean aborting;

  JournalCompactor(JournalSegments segments) {
    this.segments = segments;
    this.thread = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "parley-store-compactor");
      t.setDaemon(true);
      return t;
    });
  }

  boolean running() {
    return running;
  }

  void start(long snapshotNumber) {
    running = true;
    thread.execute(() -> compact(snapshotNumber));
  }

  private void compact(long number) {
    try {
      JournalSegments.LiveView live = segments.live();
      SnapshotWriter.Written w = SnapshotWriter.writeJournal(segments.files(),
          segments.tuning().opener(), number, live.queues(), live.nextSeq(), () -> aborting);
      if (w != null) {
        segments.snapshotPublished(number, w.fileBytes());
        LOG.log(Level.DEBUG, "journal compacted to {0} bytes", w.fileBytes());
      }
    } catch (Exception e) {
      // The old segments are intact and still replayed; nothing is lost.
      segments.compactionFailed();
      LOG.log(Level.WARNING, "journal compaction failed: {0}", e.toString());
    } finally {
      running = false;
    }
  }

  void close() {
    aborting = true;
    thread.shutdown();
    try {
      if (!thread.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
        LOG.log(Level.WARNING, "journal compaction did not stop in time");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

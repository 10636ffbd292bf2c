package io.parley.relay.store;

import io.parley.relay.store.Committer.Target;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * Persists the store's changes to its directory: queue changes to the queue log, messages to
 * the journal, all through one {@link Committer}. Encoding happens on the caller's thread
 * (under the queue's lock, which keeps each queue's records in order). Thread-safe.
 */
final class DiskPersistence implements StorePersistence {
  private final Committer committer;
  private final JournalSegments journal;

  private DiskPersistence(Committer committer, JournalSegments journal) {
    this.committer = committer;
    this.journal = journal;
  }

  /**
   * Compacts the recovered state into fresh files (queue log and a journal snapshot), removes
   * the files they replace, and starts the committer on a new journal segment.
   *
   * @param lastSegment highest journal segment number found by recovery
   */
  static DiskPersistence start(StoreFiles files, StoreTuning tuning, StoreConfig config,
      JournalSegments.LiveView live, long lastSegment) throws StoreException {
    AppendOnlyFile queueLog = null;
    try {
      SnapshotWriter.writeQueueLog(files, tuning.opener(), live.queues());
      long snapshot = lastSegment + 1;
      SnapshotWriter.Written journalSnapshot = SnapshotWriter.writeJournal(files, tuning.opener(),
          snapshot, live.queues(), live.nextSeq(), () -> false);
      for (long n : files.segmentNumbers()) {
        if (n < snapshot) {
          Files.delete(files.segment(n));
        }
      }
      Path queueLogPath = files.queueLog();
      queueLog = AppendOnlyFile.open(tuning.opener(), queueLogPath,
          new FileHeader(FileHeader.QUEUE_LOG_MAGIC, FileHeader.KIND_LOG, 0));
      JournalSegments journal = new JournalSegments(files, tuning, live, snapshot + 1,
          journalSnapshot.fileBytes(), journalSnapshot.liveBytes());
      return new DiskPersistence(new Committer(config, queueLog, journal), journal);
    } catch (IOException e) {
      if (queueLog != null) {
        try {
          queueLog.close();
        } catch (IOException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw new StoreException("cannot compact the store in " + files.dir(), e);
    }
  }

  @Override
  public CompletableFuture<Void> queueCreated(QueueRecord queue) {
    return committer.submit(Target.QUEUE_LOG, QueueLogCodec.queue(queue));
  }

  @Override
  public CompletableFuture<Void> queueSecured(byte[] recipientId, byte[] senderAuthKey) {
    return committer.submit(Target.QUEUE_LOG, QueueLogCodec.secure(recipientId, senderAuthKey));
  }

  @Override
  public CompletableFuture<Void> queueSuspended(byte[] recipientId) {
    return committer.submit(Target.QUEUE_LOG, QueueLogCodec.suspend(recipientId));
  }

  @Override
  public CompletableFuture<Void> queueDeleted(byte[] rid, Iterable<QueuedMessage> dropped) {
    long freed = 0;
    for (QueuedMessage m : dropped) {
      freed += JournalCodec.appendFrameBytes(rid, m.message());
    }
    journal.live(-freed);
    return committer.submit(Target.QUEUE_LOG, QueueLogCodec.delete(rid));
  }

  @Override
  public CompletableFuture<Void> messageAppended(byte[] recipientId, QueuedMessage message) {
    byte[] body = message.message().body();
    ByteBuffer head = JournalCodec.appendHead(recipientId, message);
    journal.live(head.remaining() + body.length);
    return committer.submit(Target.JOURNAL, head, body);
  }

  @Override
  public void messageRemoved(byte[] recipientId, QueuedMessage message) {
    journal.live(-JournalCodec.appendFrameBytes(recipientId, message.message()));
    committer.submitNoWait(Target.JOURNAL, JournalCodec.remove(recipientId, message.seq()));
  }

  @Override
  public void close() throws StoreException {
    committer.close();
  }

  @Override
  public boolean stopped() {
    return committer.stopped();
  }
}

package io.parley.relay.store;

import io.parley.protocol.codec.ByteKey;
import io.parley.protocol.codec.CodecException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds the in-memory state from a store directory at startup: replays the queue log, then
 * the journal from its last snapshot segment on. Torn tails are dropped (the compaction that
 * follows rewrites every file without them); damage elsewhere fails with
 * {@link StoreCorruptedException}. Runs once, single-threaded.
 */
final class StoreRecovery {
  private static final System.Logger LOG = System.getLogger(StoreRecovery.class.getName());

  /**
   * What recovery found.
   *
   * @param state the live queues and the next sequence number
   * @param lastSegment highest journal segment number present, 0 if none
   */
  record Result(RecoveredState state, long lastSegment) {}

  private final Map<ByteKey, QueueState> queues = new HashMap<>();
  /** Highest sequence number applied per queue, to skip appends a snapshot already holds. */
  private final Map<ByteKey, Long> highWater = new HashMap<>();
  private long nextSeq;

  private StoreRecovery() {}

  static Result recover(StoreFiles files) throws StoreException {
    StoreRecovery r = new StoreRecovery();
    r.replayQueueLog(files.queueLog());
    List<Long> segments;
    try {
      segments = files.segmentNumbers();
    } catch (IOException e) {
      throw new StoreException("cannot list " + files.dir(), e);
    }
    int first = r.lastSnapshotIndex(files, segments);
    for (int i = first; i < segments.size(); i++) {
      r.replaySegment(files.segment(segments.get(i)));
    }
    long last = segments.isEmpty() ? 0 : segments.get(segments.size() - 1);
    return new Result(new RecoveredState(new ArrayList<>(r.queues.values()), r.nextSeq), last);
  }

  private void replayQueueLog(Path file) throws StoreException {
    if (!Files.exists(file)) {
      return;
    }
    Map<ByteKey, QueueRecord> records = new HashMap<>();
    read(file, QueueLogCodec.TYPES, FileHeader.QUEUE_LOG_MAGIC,
        payload -> QueueLogCodec.apply(payload, records));
    for (Map.Entry<ByteKey, QueueRecord> e : records.entrySet()) {
      queues.put(e.getKey(), new QueueState(e.getValue()));
    }
  }

  /** Index of the newest snapshot segment: everything before it is obsolete. */
  private int lastSnapshotIndex(StoreFiles files, List<Long> segments) throws StoreException {
    for (int i = segments.size() - 1; i >= 0; i--) {
      Path file = files.segment(segments.get(i));
      byte[] first = RecordFileReader.firstRecord(file, JournalCodec.TYPES);
      if (first == null) {
        continue;
      }
      try {
        if (FileHeader.decode(first, FileHeader.JOURNAL_MAGIC).kind()
            == FileHeader.KIND_SNAPSHOT) {
          return i;
        }
      } catch (CodecException e) {
        throw new StoreCorruptedException(file, 0, "bad header: " + e.getMessage());
      }
    }
    return 0;
  }

  private void replaySegment(Path file) throws StoreException {
    read(file, JournalCodec.TYPES, FileHeader.JOURNAL_MAGIC, payload -> {
      JournalCodec.Entry entry = JournalCodec.decode(payload);
      if (entry instanceof JournalCodec.Append a) {
        applyAppend(a);
      } else if (entry instanceof JournalCodec.Remove r) {
        QueueState s = queues.get(new ByteKey(r.recipientId()));
        if (s != null) {
          s.removeSeq(r.seq());
        }
      }
    });
  }

  private void applyAppend(JournalCodec.Append a) {
    long seq = a.message().seq();
    nextSeq = Math.max(nextSeq, seq + 1);
    ByteKey k = new ByteKey(a.recipientId());
    QueueState s = queues.get(k);
    if (s == null) {
      return; // the queue was deleted after the append
    }
    Long seen = highWater.get(k);
    if (seen != null && seq <= seen) {
      return; // already held by the snapshot this log overlaps
    }
    highWater.put(k, seq);
    s.add(a.message());
  }

  /** Reads a file whose first record must be a header with {@code magic}. */
  private void read(Path file, String types, String magic, PayloadHandler handler)
      throws StoreException {
    RecordFileReader.Result result = RecordFileReader.read(file, types, (payload, offset) -> {
      if (offset == 0) {
        FileHeader h = FileHeader.decode(payload, magic);
        nextSeq = Math.max(nextSeq, h.nextSeq());
      } else {
        handler.handle(payload);
      }
    });
    if (result.tornBytes() > 0) {
      LOG.log(Level.WARNING, "dropping {0} bytes of torn tail at offset {1} of {2}",
          Long.toString(result.tornBytes()), Long.toString(result.validBytes()), file);
    }
  }

  private interface PayloadHandler {
    void handle(byte[] payload) throws CodecException;
  }
}

package io.parley.relay.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Writes compacted store files from the live in-memory state: into a temp file, fsynced, then
 * atomically renamed over its target, so a crash leaves either the old files or the new one.
 * Takes each queue's lock only to copy its state. Stateless; thread-safe.
 */
final class SnapshotWriter {
  /** Frames are gathered up to this size before each write. UNIT: bytes. */
  private static final int WRITE_CHUNK_BYTES = 1 << 20;

  /**
   * Sizes of a written snapshot.
   *
   * @param fileBytes the whole file
   * @param liveBytes the records of live state in it (the file minus its header)
   */
  record Written(long fileBytes, long liveBytes) {}

  private SnapshotWriter() {}

  /** Rewrites the queue log to one record per live queue. */
  static Written writeQueueLog(StoreFiles files, ChannelOpener opener, Iterable<QueueState> queues)
      throws IOException {
    Path target = files.queueLog();
    FileHeader header = new FileHeader(FileHeader.QUEUE_LOG_MAGIC, FileHeader.KIND_SNAPSHOT, 0);
    return write(files, opener, target, header, queues, () -> false, (s, out) -> {
      out.add(QueueLogCodec.queue(s.record()));
    });
  }

  /**
   * Writes every live message as journal segment {@code number} of kind snapshot.
   *
   * @param abort polled between queues; when true the temp file is removed and null returned
   */
  static Written writeJournal(StoreFiles files, ChannelOpener opener, long number,
      Iterable<QueueState> queues, long nextSeq, BooleanSupplier abort) throws IOException {
    Path target = files.segment(number);
    FileHeader header = new FileHeader(FileHeader.JOURNAL_MAGIC, FileHeader.KIND_SNAPSHOT, nextSeq);
    return write(files, opener, target, header, queues, abort, (s, out) -> {
      byte[] rid = s.record().recipientId();
      for (QueuedMessage m : s.messages()) {
        out.add(JournalCodec.append(rid, m));
      }
    });
  }

  private interface Encoding {
    /** Adds the frames of one queue; called with the queue's lock held. */
    void frames(QueueState s, List<ByteBuffer> out);
  }

  private static Written write(StoreFiles files, ChannelOpener opener, Path target,
      FileHeader header, Iterable<QueueState> queues, BooleanSupplier abort, Encoding encoding)
      throws IOException {
    Path temp = StoreFiles.temp(target);
    boolean published = false;
    try {
      long size;
      long headerBytes;
      try (AppendOnlyFile out = AppendOnlyFile.create(opener, temp, header)) {
        headerBytes = out.size();
        List<ByteBuffer> chunk = new ArrayList<>();
        long chunkBytes = 0;
        for (QueueState s : queues) {
          if (abort.getAsBoolean()) {
            return null;
          }
          int before = chunk.size();
          synchronized (s) {
            if (!s.deleted()) {
              encoding.frames(s, chunk);
            }
          }
          for (int i = before; i < chunk.size(); i++) {
            chunkBytes += chunk.get(i).remaining();
          }
          if (chunkBytes >= WRITE_CHUNK_BYTES) {
            out.write(chunk.toArray(ByteBuffer[]::new), 0, chunk.size());
            chunk.clear();
            chunkBytes = 0;
          }
        }
        out.write(chunk.toArray(ByteBuffer[]::new), 0, chunk.size());
        out.force();
        size = out.size();
      }
      files.publish(temp, target);
      published = true;
      return new Written(size, size - headerBytes);
    } finally {
      if (!published) {
        Files.deleteIfExists(temp);
      }
    }
  }
}

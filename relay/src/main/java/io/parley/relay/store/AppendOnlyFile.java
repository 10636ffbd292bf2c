package io.parley.relay.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One store file open for appending whole frames. Keeps its own end position so a failed
 * write can be cut back to the last complete frame. Not thread-safe: only the committer (or,
 * for a snapshot, the compactor) writes a given file.
 */
final class AppendOnlyFile implements AutoCloseable {
  private final FileChannel channel;
  private long end;

  private AppendOnlyFile(FileChannel channel, long end) {
    this.channel = channel;
    this.end = end;
  }

  /** Opens {@code path} for appending, creating it (write then its header) if new or empty. */
  static AppendOnlyFile open(ChannelOpener opener, Path path, FileHeader header)
      throws IOException {
    FileChannel ch = opener.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    try {
      AppendOnlyFile f = new AppendOnlyFile(ch, ch.size());
      if (f.end == 0) {
        f.write(header.encode());
      }
      return f;
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  /** Creates {@code path} afresh (truncating any old content) and writes its header. */
  static AppendOnlyFile create(ChannelOpener opener, Path path, FileHeader header)
      throws IOException {
    FileChannel ch = opener.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING);
    try {
      AppendOnlyFile f = new AppendOnlyFile(ch, 0);
      f.write(header.encode());
      return f;
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  long size() {
    return end;
  }

  /** Writes every remaining byte of {@code frames} at the end. */
  void write(ByteBuffer frames) throws IOException {
    int total = frames.remaining();
    channel.position(end);
    while (frames.hasRemaining()) {
      channel.write(frames);
    }
    end += total;
  }

  /** Writes every remaining byte of {@code frames[from, from + count)} at the end. */
  void write(ByteBuffer[] frames, int from, int count) throws IOException {
    long total = 0;
    for (int i = from; i < from + count; i++) {
      total += frames[i].remaining();
    }
    long written = 0;
    channel.position(end);
    while (written < total) {
      written += channel.write(frames, from, count);
    }
    end += total;
  }

  /** Cuts the file back to {@code size} bytes after a failed write. */
  void truncate(long size) throws IOException {
    channel.truncate(size);
    end = size;
  }

  /** Forces written data to the device (fdatasync where the OS has it). */
  void force() throws IOException {
    channel.force(false);
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}

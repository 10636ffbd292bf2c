package io.parley.relay.store;

import io.parley.protocol.codec.CodecException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads the framed records of one store file in order and tells a torn tail from damage in
 * the middle. A record that fails its length or checksum check is a torn tail when no valid
 * record follows it anywhere in the file (what a crash mid-write leaves); if a valid record
 * does follow, the file was damaged after it was written and reading stops with
 * {@link StoreCorruptedException}. Not thread-safe; one reader reads one file.
 */
final class RecordFileReader {
  /** Read-ahead window; holds at least one largest frame. UNIT: bytes. */
  private static final int WINDOW_BYTES = 2 * (Frames.HEADER_BYTES + Frames.MAX_PAYLOAD_BYTES);

  /** Receives each valid record; a payload it cannot decode is damage at {@code offset}. */
  interface Visitor {
    void accept(byte[] payload, long offset) throws CodecException, StoreException;
  }

  /**
   * How a read ended.
   *
   * @param validBytes length of the prefix made of valid records
   * @param tornBytes bytes after it that were dropped as a torn tail (0 if none)
   */
  record Result(long validBytes, long tornBytes) {}

  private final Path file;
  private final FileChannel channel;
  private final long size;
  private final String recordTypes;
  private final ByteBuffer window = ByteBuffer.allocate(WINDOW_BYTES);
  private long windowStart;

  private RecordFileReader(Path file, FileChannel channel, String recordTypes) throws IOException {
    this.file = file;
    this.channel = channel;
    this.size = channel.size();
    this.recordTypes = recordTypes;
    window.limit(0);
  }

  /**
   * Visits every valid record of {@code file}.
   *
   * @param recordTypes the ASCII type bytes a record of this file may start with; used to
   *     recognise a valid record after damage
   */
  static Result read(Path file, String recordTypes, Visitor visitor) throws StoreException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      return new RecordFileReader(file, ch, recordTypes).readAll(visitor);
    } catch (IOException e) {
      throw new StoreException("cannot read " + file, e);
    }
  }

  /** The payload of the file's first record, or null if the file holds no valid record. */
  static byte[] firstRecord(Path file, String recordTypes) throws StoreException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      return new RecordFileReader(file, ch, recordTypes).recordAt(0);
    } catch (IOException e) {
      throw new StoreException("cannot read " + file, e);
    }
  }

  private Result readAll(Visitor visitor) throws IOException, StoreException {
    long pos = 0;
    while (pos < size) {
      byte[] payload = recordAt(pos);
      if (payload == null) {
        long next = nextValidRecordAfter(pos);
        if (next >= 0) {
          throw new StoreCorruptedException(file, pos,
              "damaged record followed by a valid record at offset " + next);
        }
        return new Result(pos, size - pos);
      }
      try {
        visitor.accept(payload, pos);
      } catch (CodecException e) {
        throw new StoreCorruptedException(file, pos, "undecodable record: " + e.getMessage());
      }
      pos += Frames.HEADER_BYTES + payload.length;
    }
    return new Result(size, 0);
  }

  /** The payload of the valid record at {@code pos}, or null if there is none. */
  private byte[] recordAt(long pos) throws IOException {
    int length = plausibleLength(pos);
    if (length < 0 || !fill(pos, Frames.HEADER_BYTES + length)) {
      return null;
    }
    int off = (int) (pos - windowStart);
    byte[] buf = window.array();
    if (Frames.checksum(buf, off, length) != window.getInt(off + 4)) {
      return null;
    }
    byte[] payload = new byte[length];
    System.arraycopy(buf, off + Frames.HEADER_BYTES, payload, 0, length);
    return payload;
  }

  /**
   * The payload length at {@code pos} if the header could start a record of this file: within
   * limits, inside the file, and a known type byte; otherwise -1.
   */
  private int plausibleLength(long pos) throws IOException {
    if (size - pos < Frames.HEADER_BYTES + 1 || !fill(pos, Frames.HEADER_BYTES + 1)) {
      return -1;
    }
    int off = (int) (pos - windowStart);
    long length = window.getInt(off) & 0xFFFF_FFFFL;
    if (length < 1 || length > Frames.MAX_PAYLOAD_BYTES
        || pos + Frames.HEADER_BYTES + length > size) {
      return -1;
    }
    char type = (char) (window.get(off + Frames.HEADER_BYTES) & 0xFF);
    return recordTypes.indexOf(type) >= 0 ? (int) length : -1;
  }

  private long nextValidRecordAfter(long damaged) throws IOException {
    for (long q = damaged + 1; q + Frames.HEADER_BYTES < size; q++) {
      if (plausibleLength(q) >= 0 && recordAt(q) != null) {
        return q;
      }
    }
    return -1;
  }

  /** Makes {@code [pos, pos + n)} readable in the window; false if the file ends first. */
  private boolean fill(long pos, int n) throws IOException {
    if (pos + n > size) {
      return false;
    }
    if (pos >= windowStart && pos + n <= windowStart + window.limit()) {
      return true;
    }
    window.clear();
    windowStart = pos;
    while (window.hasRemaining()) {
      int read = channel.read(window, windowStart + window.position());
      if (read < 0) {
        break;
      }
    }
    window.flip();
    return pos + n <= windowStart + window.limit();
  }
}

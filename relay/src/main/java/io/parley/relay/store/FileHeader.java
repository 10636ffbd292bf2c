package io.parley.relay.store;

import io.parley.protocol.codec.CodecException;
import io.parley.protocol.codec.Decoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The first record of every store file: {@code 'H' ‖ magic(8) ‖ u8 version ‖ u8 kind ‖
 * i64 nextSeq}. The magic tells a queue log from a journal segment, the kind a plain log from
 * a snapshot, and {@code nextSeq} is the message sequence counter when the file was started.
 *
 * @param magic {@link #QUEUE_LOG_MAGIC} or {@link #JOURNAL_MAGIC}
 * @param kind {@link #KIND_LOG} or {@link #KIND_SNAPSHOT}
 * @param nextSeq sequence counter at creation (journal files; 0 in the queue log)
 */
record FileHeader(String magic, char kind, long nextSeq) {
  static final char TYPE = 'H';
  static final String QUEUE_LOG_MAGIC = "PRLYQLOG";
  static final String JOURNAL_MAGIC = "PRLYJRNL";
  /** Version of the record formats; a reader refuses files of another version. */
  static final int FORMAT_VERSION = 1;
  /** A file of changes, replayed in order after the last snapshot. */
  static final char KIND_LOG = 'L';
  /** A file holding the whole live state at one point; earlier files are obsolete. */
  static final char KIND_SNAPSHOT = 'S';

  private static final int MAGIC_BYTES = 8;

  ByteBuffer encode() {
    ByteBuffer b = Frames.allocate(1 + MAGIC_BYTES + 1 + 1 + 8);
    b.put((byte) TYPE).put(magic.getBytes(StandardCharsets.US_ASCII))
        .put((byte) FORMAT_VERSION).put((byte) kind).putLong(nextSeq);
    return Frames.seal(b);
  }

  /** Decodes and checks a header record, expecting {@code expectedMagic}. */
  static FileHeader decode(byte[] payload, String expectedMagic) throws CodecException {
    Decoder d = new Decoder(payload);
    if (d.u8() != TYPE) {
      throw new CodecException("file does not start with a header record", 0);
    }
    d.expect(expectedMagic);
    int version = d.u8();
    if (version != FORMAT_VERSION) {
      throw new CodecException("unsupported store format version " + version, d.position() - 1);
    }
    int kind = d.u8();
    if (kind != KIND_LOG && kind != KIND_SNAPSHOT) {
      throw new CodecException("unknown file kind " + kind, d.position() - 1);
    }
    long nextSeq = d.i64();
    d.end();
    return new FileHeader(expectedMagic, (char) kind, nextSeq);
  }
}

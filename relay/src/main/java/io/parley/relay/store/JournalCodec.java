package io.parley.relay.store;

import io.parley.protocol.codec.CodecException;
import io.parley.protocol.codec.Decoder;
import java.nio.ByteBuffer;

/**
 * Records of the message journal (docs/relay-store.md): {@code 'A'} a message appended to a
 * queue, with its sequence number and the body exactly as received; {@code 'R'} the message
 * with that sequence number left the queue (acknowledged or expired). Stateless.
 */
final class JournalCodec {
  static final char APPEND = 'A';
  static final char REMOVE = 'R';
  /** Every type byte a journal record may start with. */
  static final String TYPES = "HAR";

  private static final int FLAG_NOTIFY = 1;
  private static final int FLAG_QUOTA_MARKER = 2;

  /** A decoded journal record. */
  sealed interface Entry {}

  /** A message appended to queue {@code recipientId}. */
  record Append(byte[] recipientId, QueuedMessage message) implements Entry {}

  /** The message numbered {@code seq} left queue {@code recipientId}. */
  record Remove(byte[] recipientId, long seq) implements Entry {}

  private JournalCodec() {}

  /** Frame size of an append record for {@code m}, the unit of the journal's live bytes. */
  static int appendFrameBytes(byte[] recipientId, StoredMessage m) {
    return Frames.HEADER_BYTES + appendPayloadBytes(recipientId, m);
  }

  static ByteBuffer append(byte[] recipientId, QueuedMessage queued) {
    StoredMessage m = queued.message();
    ByteBuffer b = Frames.allocate(appendPayloadBytes(recipientId, m));
    putAppendFields(b, recipientId, queued);
    b.put(m.body());
    return Frames.seal(b);
  }

  /**
   * The same append record as {@link #append} but without its body: the frame's header and
   * fields, to be written immediately followed by {@code queued.message().body()}. Saves
   * copying every 16 KB body into a frame on the sender's event loop.
   */
  static ByteBuffer appendHead(byte[] recipientId, QueuedMessage queued) {
    StoredMessage m = queued.message();
    ByteBuffer b = Frames.allocate(appendPayloadBytes(recipientId, m) - m.body().length);
    putAppendFields(b, recipientId, queued);
    return Frames.sealHead(b, m.body());
  }

  private static void putAppendFields(ByteBuffer b, byte[] recipientId, QueuedMessage queued) {
    StoredMessage m = queued.message();
    b.put((byte) APPEND);
    QueueLogCodec.putShort(b, recipientId);
    b.putLong(queued.seq());
    QueueLogCodec.putShort(b, m.msgId());
    b.putLong(m.timestamp());
    b.put((byte) ((m.notifyFlag() ? FLAG_NOTIFY : 0) | (m.quotaMarker() ? FLAG_QUOTA_MARKER : 0)));
  }

  static ByteBuffer remove(byte[] recipientId, long seq) {
    ByteBuffer b = Frames.allocate(1 + QueueLogCodec.shortSize(recipientId) + 8);
    b.put((byte) REMOVE);
    QueueLogCodec.putShort(b, recipientId);
    b.putLong(seq);
    return Frames.seal(b);
  }

  static Entry decode(byte[] payload) throws CodecException {
    Decoder d = new Decoder(payload);
    int type = d.u8();
    if (type == APPEND) {
      byte[] rid = d.shortBytes();
      long seq = d.i64();
      byte[] msgId = d.shortBytes();
      long timestamp = d.i64();
      int at = d.position();
      int flags = d.u8();
      if ((flags & ~(FLAG_NOTIFY | FLAG_QUOTA_MARKER)) != 0) {
        throw new CodecException("unknown message flags " + flags, at);
      }
      StoredMessage m = new StoredMessage(msgId, timestamp, (flags & FLAG_NOTIFY) != 0,
          (flags & FLAG_QUOTA_MARKER) != 0, d.tail());
      return new Append(rid, new QueuedMessage(seq, m));
    }
    if (type == REMOVE) {
      byte[] rid = d.shortBytes();
      long seq = d.i64();
      d.end();
      return new Remove(rid, seq);
    }
    throw new CodecException("unknown journal record type " + type, 0);
  }

  private static int appendPayloadBytes(byte[] recipientId, StoredMessage m) {
    return 1 + QueueLogCodec.shortSize(recipientId) + 8 + QueueLogCodec.shortSize(m.msgId())
        + 8 + 1 + m.body().length;
  }
}

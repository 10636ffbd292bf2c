package io.parley.relay.store;

import io.parley.protocol.codec.ByteKey;
import io.parley.protocol.codec.CodecException;
import io.parley.protocol.codec.Decoder;
import io.parley.protocol.command.QueueMode;
import java.nio.ByteBuffer;
import java.util.Map;

/**
 * Records of the queue log (docs/relay-store.md): {@code 'Q'} a whole queue (creation, and
 * every queue of a compacted log), {@code 'K'} secured, {@code 'O'} suspended, {@code 'D'}
 * deleted. Ids and keys are short fields. Stateless.
 */
final class QueueLogCodec {
  static final char QUEUE = 'Q';
  static final char SECURE = 'K';
  static final char SUSPEND = 'O';
  static final char DELETE = 'D';
  /** Every type byte a queue log record may start with. */
  static final String TYPES = "HQKOD";

  private static final char ACTIVE = 'A';
  private static final char OFF = 'O';

  private QueueLogCodec() {}

  static ByteBuffer queue(QueueRecord q) {
    byte[] sk = q.senderAuthKey();
    int size = 1 + shortSize(q.recipientId()) + shortSize(q.senderId())
        + shortSize(q.recipientAuthKey()) + shortSize(q.deliveryKey())
        + 1 + (sk == null ? 0 : shortSize(sk)) + 1 + 1;
    ByteBuffer b = Frames.allocate(size).put((byte) QUEUE);
    putShort(b, q.recipientId());
    putShort(b, q.senderId());
    putShort(b, q.recipientAuthKey());
    putShort(b, q.deliveryKey());
    b.put((byte) (sk == null ? 'F' : 'T'));
    if (sk != null) {
      putShort(b, sk);
    }
    b.put((byte) q.mode().wire());
    b.put((byte) (q.status() == QueueStatus.OFF ? OFF : ACTIVE));
    return Frames.seal(b);
  }

  static ByteBuffer secure(byte[] recipientId, byte[] senderAuthKey) {
    ByteBuffer b = Frames.allocate(1 + shortSize(recipientId) + shortSize(senderAuthKey));
    b.put((byte) SECURE);
    putShort(b, recipientId);
    putShort(b, senderAuthKey);
    return Frames.seal(b);
  }

  static ByteBuffer suspend(byte[] recipientId) {
    return idOnly(SUSPEND, recipientId);
  }

  static ByteBuffer delete(byte[] recipientId) {
    return idOnly(DELETE, recipientId);
  }

  /** Applies one record to the queues replayed so far, keyed by recipient id. */
  static void apply(byte[] payload, Map<ByteKey, QueueRecord> queues) throws CodecException {
    Decoder d = new Decoder(payload);
    int type = d.u8();
    switch (type) {
      case QUEUE -> {
        QueueRecord q = decodeQueue(d);
        queues.put(new ByteKey(q.recipientId()), q);
      }
      case SECURE -> {
        ByteKey k = new ByteKey(d.shortBytes());
        byte[] senderKey = d.shortBytes();
        d.end();
        queues.computeIfPresent(k, (key, q) -> q.withSenderKey(senderKey));
      }
      case SUSPEND -> {
        ByteKey k = new ByteKey(d.shortBytes());
        d.end();
        queues.computeIfPresent(k, (key, q) -> q.withStatus(QueueStatus.OFF));
      }
      case DELETE -> {
        ByteKey k = new ByteKey(d.shortBytes());
        d.end();
        queues.remove(k);
      }
      default -> throw new CodecException("unknown queue log record type " + type, 0);
    }
  }

  private static QueueRecord decodeQueue(Decoder d) throws CodecException {
    byte[] rid = d.shortBytes();
    byte[] sid = d.shortBytes();
    byte[] recipientAuthKey = d.shortBytes();
    byte[] deliveryKey = d.shortBytes();
    byte[] senderKey = d.bool() ? d.shortBytes() : null;
    int at = d.position();
    QueueMode mode = QueueMode.fromWire(d.u8());
    if (mode == null) {
      throw new CodecException("unknown queue mode", at);
    }
    int status = d.u8();
    if (status != ACTIVE && status != OFF) {
      throw new CodecException("unknown queue status", at + 1);
    }
    d.end();
    return new QueueRecord(rid, sid, recipientAuthKey, deliveryKey, senderKey, mode,
        status == OFF ? QueueStatus.OFF : QueueStatus.ACTIVE);
  }

  private static ByteBuffer idOnly(char type, byte[] recipientId) {
    ByteBuffer b = Frames.allocate(1 + shortSize(recipientId)).put((byte) type);
    putShort(b, recipientId);
    return Frames.seal(b);
  }

  static int shortSize(byte[] field) {
    return 1 + field.length;
  }

  static void putShort(ByteBuffer b, byte[] field) {
    b.put((byte) field.length).put(field);
  }
}

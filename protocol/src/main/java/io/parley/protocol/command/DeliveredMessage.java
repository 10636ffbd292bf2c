package io.parley.protocol.command;

import io.parley.protocol.ProtocolLimits;
import io.parley.protocol.codec.CodecException;
import io.parley.protocol.codec.Decoder;
import io.parley.protocol.codec.Encoder;
import io.parley.protocol.codec.Padding;

/**
 * What the recipient finds inside a MSG after removing the relay's encryption: the relay's
 * timestamp, and either a message or the quota marker. Always padded to
 * {@link ProtocolLimits#DELIVERY_PADDED_BYTES} before encryption.
 *
 * @param timestamp relay receive time, Unix seconds
 * @param quotaMarker true for the marker a full queue ends with; then {@code body} is empty
 */
public record DeliveredMessage(
    long timestamp, boolean quotaMarker, boolean notifyFlag, byte[] body) {
  private static final int KIND_MESSAGE = 'M';
  private static final int KIND_QUOTA = 'Q';

  public static DeliveredMessage quota(long timestamp) {
    return new DeliveredMessage(timestamp, true, false, new byte[0]);
  }

  public byte[] encodePadded() {
    byte[] content = new Encoder(body.length + 16)
        .i64(timestamp)
        .u8(quotaMarker ? KIND_QUOTA : KIND_MESSAGE)
        .bool(notifyFlag)
        .raw(body)
        .toByteArray();
    return Padding.pad(content, ProtocolLimits.DELIVERY_PADDED_BYTES);
  }

  public static DeliveredMessage decodePadded(byte[] padded) throws CodecException {
    Decoder d = new Decoder(Padding.unpad(padded));
    long ts = d.i64();
    int at = d.position();
    int kind = d.u8();
    boolean notify = d.bool();
    byte[] body = d.tail();
    if (kind == KIND_QUOTA) {
      return new DeliveredMessage(ts, true, notify, body);
    }
    if (kind != KIND_MESSAGE) {
      throw new CodecException("unknown delivered message kind", at);
    }
    return new DeliveredMessage(ts, false, notify, body);
  }
}

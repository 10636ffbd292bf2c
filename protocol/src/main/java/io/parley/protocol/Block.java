package io.parley.protocol;

import io.parley.protocol.codec.CodecException;
import io.parley.protocol.codec.Decoder;
import io.parley.protocol.codec.Encoder;
import io.parley.protocol.codec.Padding;
import java.util.ArrayList;
import java.util.List;

/**
 * A fixed-size transport block: padded content holding a batch of 1 to 255 transmissions, each
 * with a 2-byte length prefix. Batching lets small replies (OK, PONG) share one TLS record.
 */
public final class Block {
  /** Content bytes available inside one block after the padding's length prefix. */
  public static final int MAX_CONTENT_BYTES = ProtocolLimits.BLOCK_BYTES - Padding.PREFIX_BYTES;
  /** Bytes of the batch count. */
  public static final int COUNT_BYTES = 1;
  /** Bytes of each transmission's length prefix. */
  public static final int LENGTH_PREFIX_BYTES = 2;
  /** Largest single transmission a block can carry. */
  public static final int MAX_TRANSMISSION_BYTES =
      MAX_CONTENT_BYTES - COUNT_BYTES - LENGTH_PREFIX_BYTES;

  private Block() {}

  /** Encodes a non-empty batch that fits one block into exactly one block's bytes. */
  public static byte[] encode(List<byte[]> transmissions) {
    if (transmissions.isEmpty() || transmissions.size() > ProtocolLimits.MAX_BATCH) {
      throw new IllegalArgumentException("batch size " + transmissions.size());
    }
    Encoder e = new Encoder(ProtocolLimits.BLOCK_BYTES);
    e.u8(transmissions.size());
    for (byte[] t : transmissions) {
      e.largeBytes(t);
    }
    if (e.size() > MAX_CONTENT_BYTES) {
      throw new IllegalArgumentException("batch of " + e.size() + " bytes does not fit a block");
    }
    return Padding.pad(e.toByteArray(), ProtocolLimits.BLOCK_BYTES);
  }

  public static byte[] encode(byte[] transmission) {
    return encode(List.of(transmission));
  }

  /** Decodes a block into its transmissions; any inconsistency is a {@link CodecException}. */
  public static List<byte[]> decode(byte[] block) throws CodecException {
    if (block.length != ProtocolLimits.BLOCK_BYTES) {
      throw new CodecException("block must be " + ProtocolLimits.BLOCK_BYTES + " bytes", 0);
    }
    byte[] content = Padding.unpad(block);
    Decoder d = new Decoder(content);
    int count = d.u8();
    if (count == 0) {
      throw new CodecException("empty batch", 0);
    }
    List<byte[]> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(d.largeBytes());
    }
    d.end();
    return out;
  }

  /**
   * Packs transmissions, in order, into as few blocks as possible. Order is preserved across
   * blocks, which keeps per-queue response order.
   */
  public static List<byte[]> batch(List<byte[]> transmissions) {
    List<byte[]> blocks = new ArrayList<>();
    List<byte[]> current = new ArrayList<>();
    int used = COUNT_BYTES;
    for (byte[] t : transmissions) {
      if (t.length > MAX_TRANSMISSION_BYTES) {
        throw new IllegalArgumentException("transmission of " + t.length + " bytes too large");
      }
      int cost = LENGTH_PREFIX_BYTES + t.length;
      if (!current.isEmpty()
          && (used + cost > MAX_CONTENT_BYTES || current.size() == ProtocolLimits.MAX_BATCH)) {
        blocks.add(encode(current));
        current = new ArrayList<>();
        used = COUNT_BYTES;
      }
      current.add(t);
      used += cost;
    }
    if (!current.isEmpty()) {
      blocks.add(encode(current));
    }
    return blocks;
  }
}

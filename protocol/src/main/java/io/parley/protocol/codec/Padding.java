package io.parley.protocol.codec;

import java.util.Arrays;

/**
 * Fixed-size padding: a 2-byte big-endian content length, the content, then {@code '#'} bytes up
 * to the padded size. Used for transport blocks and for every encrypted body, so sizes on the
 * wire say nothing about content.
 */
public final class Padding {
  /** Bytes of the length prefix. */
  public static final int PREFIX_BYTES = 2;
  /** Fill byte; its value carries no meaning but keeps padding deterministic. */
  public static final byte FILL = '#';

  private Padding() {}

  /** Largest content that fits in {@code paddedLength} bytes. */
  public static int maxContent(int paddedLength) {
    return Math.min(paddedLength - PREFIX_BYTES, 0xFFFF);
  }

  public static byte[] pad(byte[] content, int paddedLength) {
    if (content.length > maxContent(paddedLength)) {
      throw new IllegalArgumentException(
          "content of " + content.length + " bytes does not fit " + paddedLength);
    }
    byte[] out = new byte[paddedLength];
    out[0] = (byte) (content.length >>> 8);
    out[1] = (byte) content.length;
    System.arraycopy(content, 0, out, PREFIX_BYTES, content.length);
    Arrays.fill(out, PREFIX_BYTES + content.length, paddedLength, FILL);
    return out;
  }

  /** Returns the content; a length that overruns the input is a {@link CodecException}. */
  public static byte[] unpad(byte[] padded) throws CodecException {
    if (padded.length < PREFIX_BYTES) {
      throw new CodecException("padded input shorter than its length prefix", 0);
    }
    int len = ((padded[0] & 0xFF) << 8) | (padded[1] & 0xFF);
    if (len > padded.length - PREFIX_BYTES) {
      throw new CodecException(
          "padded length " + len + " exceeds " + (padded.length - PREFIX_BYTES), 0);
    }
    return Arrays.copyOfRange(padded, PREFIX_BYTES, PREFIX_BYTES + len);
  }
}

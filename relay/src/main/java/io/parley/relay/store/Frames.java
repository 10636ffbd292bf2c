package io.parley.relay.store;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The framing shared by every store file: {@code u32 length ‖ u32 crc32c ‖ payload}, where the
 * CRC32C covers the four length bytes and the payload, so a damaged length is caught as well
 * as a damaged payload. The payload's first byte is the record type. Stateless.
 */
final class Frames {
  /** Length and checksum before each payload. UNIT: bytes. */
  static final int HEADER_BYTES = 8;
  /**
   * Largest payload a writer produces and a reader accepts; any larger length is damage.
   * UNIT: bytes.
   */
  static final int MAX_PAYLOAD_BYTES = 1 << 20;

  private Frames() {}

  /** A buffer for one frame, positioned where the payload starts. */
  static ByteBuffer allocate(int payloadBytes) {
    ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES + payloadBytes);
    b.position(HEADER_BYTES);
    return b;
  }

  /** Fills in length and checksum of a completely written frame and flips it for writing. */
  static ByteBuffer seal(ByteBuffer frame) {
    if (frame.hasRemaining()) {
      throw new IllegalStateException("frame not filled: " + frame.remaining() + " bytes left");
    }
    int length = frame.capacity() - HEADER_BYTES;
    frame.putInt(0, length);
    frame.putInt(4, checksum(frame.array(), frame.arrayOffset(), length));
    return frame.flip();
  }

  /**
   * Seals a frame whose payload is the filled {@code head} followed by {@code tail}, which is
   * written after it without being copied into it (a message body, 16 KB for every SEND).
   *
   * @return {@code head} ready for writing; {@code tail} must follow it unchanged
   */
  static ByteBuffer sealHead(ByteBuffer head, byte[] tail) {
    if (head.hasRemaining()) {
      throw new IllegalStateException("frame not filled: " + head.remaining() + " bytes left");
    }
    int headPayload = head.capacity() - HEADER_BYTES;
    head.putInt(0, headPayload + tail.length);
    CRC32C crc = new CRC32C();
    crc.update(head.array(), head.arrayOffset(), 4);
    crc.update(head.array(), head.arrayOffset() + HEADER_BYTES, headPayload);
    crc.update(tail, 0, tail.length);
    head.putInt(4, (int) crc.getValue());
    return head.flip();
  }

  /** CRC32C of the four length bytes at {@code off} and the payload that follows the header. */
  static int checksum(byte[] buf, int off, int payloadLength) {
    CRC32C crc = new CRC32C();
    crc.update(buf, off, 4);
    crc.update(buf, off + HEADER_BYTES, payloadLength);
    return (int) crc.getValue();
  }
}

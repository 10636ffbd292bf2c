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

  /** CRC32C of the four length bytes at {@code off} and the payload that follows the header. */
  static int checksum(byte[] buf, int off, int payloadLength) {
    CRC32C crc = new CRC32C();
    crc.update(buf, off, 4);
    crc.update(buf, off + HEADER_BYTES, payloadLength);
    return (int) crc.getValue();
  }
}

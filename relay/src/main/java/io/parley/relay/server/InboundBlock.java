package io.parley.relay.server;

import io.netty.buffer.ByteBuf;
import io.parley.protocol.ErrorCode;
import io.parley.protocol.ProtocolException;
import io.parley.protocol.ProtocolLimits;
import io.parley.protocol.codec.Padding;
import io.parley.protocol.command.Command;
import io.parley.protocol.command.Commands;
import java.nio.charset.StandardCharsets;

/**
 * Decodes a received block where it lies in the frame, with the same rules as
 * {@link io.parley.protocol.Block#decode} and {@link io.parley.protocol.Transmission#decode}
 * (docs/protocol.md sections 2 and 3) but without copying its 16 KB several times: only the
 * header fields and the SEND body are copied out. Other commands go to
 * {@link Commands#decodeCommand}. Stateless.
 */
final class InboundBlock {
  private static final int COUNT_OFFSET = Padding.PREFIX_BYTES;
  private static final byte[] SEND_PREFIX = "SEND ".getBytes(StandardCharsets.US_ASCII);
  /** "SEND " then the notify flag; the body follows. */
  private static final int SEND_BODY_OFFSET = SEND_PREFIX.length + 1;

  private InboundBlock() {}

  /** Receives the transmissions of a well-formed block, in order. */
  interface Sink {
    /** A transmission whose header decoded; {@code command} is {@code [offset, offset+len)}. */
    void transmission(Request request, ByteBuf frame, int commandOffset, int commandLength);

    /** A transmission whose header fields run past its end. */
    void undecodable();
  }

  /**
   * Checks the block's padding and batch framing, then hands each transmission to
   * {@code sink}. A block that does not frame correctly delivers nothing.
   *
   * @return false if the block is malformed (the caller answers ERR BLOCK)
   */
  static boolean parse(ByteBuf frame, Sink sink) {
    int base = frame.readerIndex();
    if (frame.readableBytes() != ProtocolLimits.BLOCK_BYTES) {
      return false;
    }
    int contentLength = frame.getUnsignedShort(base);
    int end = base + Padding.PREFIX_BYTES + contentLength;
    if (contentLength < 1 || contentLength > ProtocolLimits.BLOCK_BYTES - Padding.PREFIX_BYTES) {
      return false;
    }
    int count = frame.getUnsignedByte(base + COUNT_OFFSET);
    if (count == 0) {
      return false;
    }
    int pos = base + COUNT_OFFSET + 1;
    for (int i = 0; i < count; i++) {
      if (end - pos < 2) {
        return false;
      }
      int length = frame.getUnsignedShort(pos);
      pos += 2 + length;
      if (pos > end) {
        return false;
      }
    }
    if (pos != end) {
      return false;
    }
    pos = base + COUNT_OFFSET + 1;
    for (int i = 0; i < count; i++) {
      int length = frame.getUnsignedShort(pos);
      transmission(frame, pos + 2, length, sink);
      pos += 2 + length;
    }
    return true;
  }

  private static void transmission(ByteBuf frame, int start, int length, Sink sink) {
    int end = start + length;
    int pos = start;
    byte[][] fields = new byte[3][];
    int signedStart = 0;
    for (int f = 0; f < 3; f++) {
      if (pos >= end) {
        sink.undecodable();
        return;
      }
      if (f == 1) {
        signedStart = pos;
      }
      int n = frame.getUnsignedByte(pos);
      if (end - pos - 1 < n) {
        sink.undecodable();
        return;
      }
      fields[f] = new byte[n];
      frame.getBytes(pos + 1, fields[f]);
      pos += 1 + n;
    }
    Request r = new Request(fields[0], fields[1], fields[2],
        frame.nioBuffers(signedStart, end - signedStart));
    sink.transmission(r, frame, pos, end - pos);
  }

  /**
   * Decodes a command like {@link Commands#decodeCommand}, copying a SEND body straight out of
   * the frame.
   */
  static Command command(ByteBuf frame, int offset, int length) throws ProtocolException {
    if (length >= SEND_BODY_OFFSET && startsWith(frame, offset, SEND_PREFIX)) {
      int flag = frame.getUnsignedByte(offset + SEND_PREFIX.length);
      if (flag != 'T' && flag != 'F') {
        throw new ProtocolException(ErrorCode.CMD_SYNTAX, "boolean must be T or F");
      }
      int bodyLength = length - SEND_BODY_OFFSET;
      if (bodyLength > ProtocolLimits.MAX_MESSAGE_BYTES) {
        throw new ProtocolException(ErrorCode.LARGE_MSG, bodyLength + " bytes");
      }
      byte[] body = new byte[bodyLength];
      frame.getBytes(offset + SEND_BODY_OFFSET, body);
      return new Command.Send(flag == 'T', body);
    }
    byte[] command = new byte[length];
    frame.getBytes(offset, command);
    return Commands.decodeCommand(command);
  }

  private static boolean startsWith(ByteBuf frame, int offset, byte[] prefix) {
    for (int i = 0; i < prefix.length; i++) {
      if (frame.getByte(offset + i) != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}

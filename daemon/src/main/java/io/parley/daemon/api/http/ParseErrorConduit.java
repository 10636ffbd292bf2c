package io.parley.daemon.api.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import org.xnio.channels.StreamSourceChannel;
import org.xnio.conduits.AbstractStreamSinkConduit;
import org.xnio.conduits.StreamSinkConduit;

/**
 * Gives the requests Undertow's parser refuses (a head over the size limit, bytes a path may
 * not hold, a malformed request line or header) the API's error envelope. Undertow answers
 * those itself, before any handler runs, with a fixed bodiless 400; this conduit sits under
 * every connection and, only when that exact answer is the connection's first write, sends the
 * envelope in its place. Any other first write passes through untouched and the conduit is
 * inert from then on. Used by one connection's I/O thread at a time.
 */
final class ParseErrorConduit extends AbstractStreamSinkConduit<StreamSinkConduit> {
  /** Headers every API response carries (see {@link ErrorEnvelopeHandler}). */
  static final String COMMON_HEADERS = "Cache-Control: no-store\r\n"
      + "X-Content-Type-Options: nosniff\r\n";
  /** What Undertow writes for a request it cannot parse (HttpReadListener). */
  private static final byte[] UNDERTOW_BAD_REQUEST = ("HTTP/1.1 400 Bad Request\r\n"
      + "Content-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ENVELOPE = envelope();

  private boolean decided;
  /** The envelope still to write in place of Undertow's answer, or null. */
  private ByteBuffer replacement;

  ParseErrorConduit(StreamSinkConduit next) {
    super(next);
  }

  @Override
  public int write(ByteBuffer src) throws IOException {
    if (!decided) {
      decided = true;
      if (src.remaining() == UNDERTOW_BAD_REQUEST.length
          && src.equals(ByteBuffer.wrap(UNDERTOW_BAD_REQUEST))) {
        replacement = ByteBuffer.wrap(ENVELOPE);
      }
    }
    if (replacement == null) {
      return next.write(src);
    }
    next.write(replacement);
    if (replacement.hasRemaining()) {
      return 0;
    }
    int n = src.remaining();
    src.position(src.limit());
    return n;
  }

  @Override
  public long write(ByteBuffer[] srcs, int offs, int len) throws IOException {
    decided = true;
    return replacement == null ? next.write(srcs, offs, len) : 0;
  }

  @Override
  public int writeFinal(ByteBuffer src) throws IOException {
    return write(src);
  }

  @Override
  public long writeFinal(ByteBuffer[] srcs, int offs, int len) throws IOException {
    decided = true;
    return replacement == null ? next.writeFinal(srcs, offs, len) : 0;
  }

  @Override
  public long transferFrom(FileChannel src, long position, long count) throws IOException {
    decided = true;
    return next.transferFrom(src, position, count);
  }

  @Override
  public long transferFrom(StreamSourceChannel source, long count, ByteBuffer throughBuffer)
      throws IOException {
    decided = true;
    return next.transferFrom(source, count, throughBuffer);
  }

  @Override
  public boolean flush() throws IOException {
    if (replacement != null && replacement.hasRemaining()) {
      next.write(replacement);
      if (replacement.hasRemaining()) {
        return false;
      }
    }
    return next.flush();
  }

  private static byte[] envelope() {
    byte[] body = Json.error(ApiException.badRequest("the request head is malformed (request "
        + "line, path or headers) or larger than the limit; nothing was done"));
    byte[] head = ("HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\n"
        + "Content-Length: " + body.length + "\r\n" + COMMON_HEADERS
        + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[head.length + body.length];
    System.arraycopy(head, 0, out, 0, head.length);
    System.arraycopy(body, 0, out, head.length, body.length);
    return out;
  }
}

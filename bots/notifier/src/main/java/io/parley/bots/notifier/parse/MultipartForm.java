package io.parley.bots.notifier.parse;

import io.undertow.connector.ByteBufferPool;
import io.undertow.server.DefaultByteBufferPool;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.MultipartParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Reads the fields of a {@code multipart/form-data} body (RFC 7578) with Undertow's multipart
 * parser, from the bytes the receiver has already read and bounded. Every part must be named;
 * its content (after any base64 or quoted-printable transfer encoding) is read as UTF-8 text,
 * file parts included. At most {@link FormFields#MAX_FIELDS} parts. Stateless; thread-safe.
 */
final class MultipartForm {
  /** Longest boundary RFC 2046 allows. UNIT: characters. */
  static final int MAX_BOUNDARY_CHARS = 70;
  /** Scratch buffers for transfer decoding. UNIT: bytes each. */
  private static final int DECODE_BUFFER_BYTES = 4096;
  private static final ByteBufferPool DECODE_BUFFERS =
      new DefaultByteBufferPool(false, DECODE_BUFFER_BYTES);

  private MultipartForm() {}

  /**
   * The named fields of {@code body}.
   *
   * @param contentType the request's Content-Type, carrying the {@code boundary} parameter
   * @throws PayloadException if the boundary is missing or invalid, the body is malformed or
   *     ends early, a part has no name or is not UTF-8, or there are too many parts
   */
  static FormFields read(byte[] body, String contentType) throws PayloadException {
    byte[] boundary = boundary(contentType);
    Parts parts = new Parts();
    MultipartParser.ParseState state = MultipartParser.beginParse(DECODE_BUFFERS, parts,
        boundary, StandardCharsets.UTF_8.name());
    try {
      state.parse(ByteBuffer.wrap(body));
    } catch (IOException | RuntimeException e) {
      // Undertow reports some malformations unchecked (bad base64 in a part, a header name it
      // cannot hold); either way the sender's bytes are at fault.
      throw new PayloadException("malformed multipart body");
    }
    if (parts.problem != null) {
      throw parts.problem;
    }
    if (!state.isComplete()) {
      throw new PayloadException("the multipart body ends before its closing boundary");
    }
    return parts.fields.build();
  }

  private static byte[] boundary(String contentType) throws PayloadException {
    String b = contentType == null ? null
        : Headers.extractQuotedValueFromHeader(contentType, "boundary");
    if (b == null || b.isEmpty() || b.length() > MAX_BOUNDARY_CHARS
        || !b.chars().allMatch(c -> c >= 0x20 && c < 0x7F)) {
      throw new PayloadException("multipart/form-data needs a boundary parameter of 1-"
          + MAX_BOUNDARY_CHARS + " ASCII characters");
    }
    return b.getBytes(StandardCharsets.US_ASCII);
  }

  /** Collects each part's bytes; remembers the first problem, since the callbacks cannot throw. */
  private static final class Parts implements MultipartParser.PartHandler {
    private final FormFields.Builder fields = new FormFields.Builder("multipart form");
    private final ByteArrayOutputStream current = new ByteArrayOutputStream();
    private String name;
    private PayloadException problem;

    @Override
    public void beginPart(HeaderMap headers) {
      current.reset();
      String disposition = headers.getFirst(Headers.CONTENT_DISPOSITION);
      name = disposition == null ? null
          : Headers.extractQuotedValueFromHeader(disposition, "name");
      if (name == null && problem == null) {
        problem = new PayloadException("a multipart part has no name "
            + "(Content-Disposition: form-data; name=\"...\")");
      }
    }

    @Override
    public void data(ByteBuffer buffer) {
      if (problem != null) {
        buffer.position(buffer.limit());
        return;
      }
      byte[] chunk = new byte[buffer.remaining()];
      buffer.get(chunk);
      current.write(chunk, 0, chunk.length);
    }

    @Override
    public void endPart() {
      if (problem != null) {
        return;
      }
      try {
        String what = "multipart field " + JsonFields.quote(name);
        fields.add(name, PayloadParser.utf8(current.toByteArray(), what));
      } catch (PayloadException e) {
        problem = e;
      }
    }
  }
}

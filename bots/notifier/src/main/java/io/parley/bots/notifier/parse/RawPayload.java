package io.parley.bots.notifier.parse;

import java.util.Objects;

/**
 * A request as the receiver got it, before parsing. Immutable; the body array is not copied and
 * must not be changed after construction.
 *
 * @param body the request body, already bounded by the receiver's size limit
 * @param contentType the Content-Type header, or null
 * @param format the {@code ?format=} value forcing a parser, or null to detect by shape
 * @param title a {@code Title} header or {@code ?title=} for text bodies, or null
 * @param priority a {@code Priority} header or {@code ?priority=} for text bodies, or null
 */
public record RawPayload(byte[] body, String contentType, String format, String title,
    String priority) {
  public RawPayload {
    Objects.requireNonNull(body, "body");
  }

  /** A body with no content type, format or hints. */
  public static RawPayload of(byte[] body) {
    return new RawPayload(body, null, null, null, null);
  }
}

package io.parley.bots.notifier.parse;

import java.util.Objects;

/**
 * A request as the receiver got it, before parsing. Immutable; the body array is not copied and
 * must not be changed after construction.
 *
 * @param body the request body, already bounded by the receiver's size limit; empty for a GET
 * @param contentType the Content-Type header, or null
 * @param format the {@code ?format=} value forcing a parser, or null to detect by shape
 * @param title a {@code Title} header or {@code ?title=} for text bodies, or null
 * @param priority a {@code Priority} header or {@code ?priority=} for text bodies, or null
 * @param query the query parameters (without the token), read as a form when the body is
 *     empty; {@link FormFields#EMPTY} when there are none
 */
public record RawPayload(byte[] body, String contentType, String format, String title,
    String priority, FormFields query) {
  public RawPayload {
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(query, "query");
  }

  /** A request without query parameters. */
  public RawPayload(byte[] body, String contentType, String format, String title,
      String priority) {
    this(body, contentType, format, title, priority, FormFields.EMPTY);
  }

  /** A body with no content type, format, hints or query. */
  public static RawPayload of(byte[] body) {
    return new RawPayload(body, null, null, null, null);
  }
}

package io.parley.bots.notifier.parse;

import java.util.Locale;

/** How the receiver reads a body, by its {@code Content-Type}'s media type (parameters aside). */
enum MediaKind {
  /** No Content-Type: detected by shape. */
  NONE,
  /** Any {@code text} type: detected by shape (text starting with '{' may be JSON). */
  TEXT,
  /** {@code application/json} or any {@code +json} type. */
  JSON,
  /** {@code application/x-www-form-urlencoded}: curl's and axios's default for string bodies. */
  URL_ENCODED,
  /** {@code multipart/form-data}: Uptime Kuma's "form-data" body. */
  MULTIPART_FORM,
  /** Anything else: 415 unless {@code ?format=} says how to read it. */
  UNSUPPORTED;

  /** The names of the accepted types, for the 415 reason. */
  static final String ACCEPTED = "text/plain, application/json, "
      + "application/x-www-form-urlencoded or multipart/form-data";

  /** The kind of {@code contentType} (a whole header value), null meaning no header. */
  static MediaKind of(String contentType) {
    if (contentType == null || contentType.isBlank()) {
      return NONE;
    }
    String type = mediaType(contentType);
    if (type.equals("application/json") || type.endsWith("+json")) {
      return JSON;
    }
    if (type.equals("application/x-www-form-urlencoded")) {
      return URL_ENCODED;
    }
    if (type.equals("multipart/form-data")) {
      return MULTIPART_FORM;
    }
    return type.startsWith("text/") ? TEXT : UNSUPPORTED;
  }

  /** The lower-cased {@code type/subtype} of a Content-Type value. */
  static String mediaType(String contentType) {
    return contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
  }
}

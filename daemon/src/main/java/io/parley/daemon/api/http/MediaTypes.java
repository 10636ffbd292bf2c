package io.parley.daemon.api.http;

import java.util.Locale;

/** Classifies a request's {@code Content-Type}. Stateless. */
final class MediaTypes {
  /** What a body's declared type is, for the API. */
  enum Kind {
    JSON,
    TEXT,
    /** Anything else, including a charset other than UTF-8. */
    OTHER
  }

  private MediaTypes() {}

  static Kind classify(String contentType) {
    if (contentType == null) {
      return Kind.OTHER;
    }
    String[] parts = contentType.split(";");
    String type = parts[0].trim().toLowerCase(Locale.ROOT);
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i].trim().toLowerCase(Locale.ROOT);
      if (p.startsWith("charset=")) {
        String cs = p.substring("charset=".length()).replace("\"", "");
        if (!cs.equals("utf-8") && !cs.equals("utf8")) {
          return Kind.OTHER;
        }
      }
    }
    return switch (type) {
      case "application/json" -> Kind.JSON;
      case "text/plain" -> Kind.TEXT;
      default -> Kind.OTHER;
    };
  }
}

package io.parley.sdk.internal;

import io.parley.sdk.model.EventQuery;
import java.nio.charset.StandardCharsets;
import java.util.TreeSet;

/**
 * Builds API paths and query strings. Ids and values are percent-encoded, so an id such as
 * {@code ../x} or {@code a/b} stays one segment and can never address another resource.
 * Stateless. Not part of the SDK's API.
 */
public final class ApiPaths {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private ApiPaths() {}

  /**
   * {@code value} as one path segment.
   *
   * @throws IllegalArgumentException if it is null or empty
   */
  public static String segment(String value) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("an id must not be null or empty");
    }
    String s = encode(value);
    // "." and ".." are unreserved yet mean something in a path: escape them whole.
    return s.equals(".") || s.equals("..") ? s.replace(".", "%2E") : s;
  }

  /** Appends {@code &name=value} (or {@code ?name=value} first) when value is not null. */
  public static void param(StringBuilder query, String name, String value) {
    if (value == null) {
      return;
    }
    query.append(query.length() == 0 ? '?' : '&').append(name).append('=')
        .append(encode(value));
  }

  /** The query string of a long-poll or stream ({@code ?after=..&wait=..}), maybe empty. */
  public static String events(EventQuery q) {
    StringBuilder sb = new StringBuilder();
    param(sb, "after", q.after());
    param(sb, "consumer", q.consumer());
    if (q.waitSeconds() > 0) {
      param(sb, "wait", Integer.toString(q.waitSeconds()));
    }
    if (q.limit() > 0) {
      param(sb, "limit", Integer.toString(q.limit()));
    }
    if (!q.types().isEmpty()) {
      param(sb, "types", String.join(",", new TreeSet<>(q.types())));
    }
    return sb.toString();
  }

  private static String encode(String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    StringBuilder sb = new StringBuilder(bytes.length + 8);
    for (byte b : bytes) {
      int c = b & 0xff;
      if (isUnreserved(c)) {
        sb.append((char) c);
      } else {
        sb.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
      }
    }
    return sb.toString();
  }

  private static boolean isUnreserved(int c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
        || c == '-' || c == '.' || c == '_' || c == '~';
  }
}

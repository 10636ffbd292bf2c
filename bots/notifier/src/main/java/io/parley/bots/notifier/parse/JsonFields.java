package io.parley.bots.notifier.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.bots.notifier.alert.Link;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

/**
 * Lenient readers for optional fields and strict ones for required fields of the sources' JSON.
 * Optional fields of the wrong type read as absent, because senders add and change optional
 * fields; required fields of the wrong shape fail with a {@link PayloadException} naming the
 * field. Stateless.
 */
final class JsonFields {
  /** Longest fragment of a sender's value quoted back in an error. UNIT: characters. */
  static final int MAX_QUOTED_CHARS = 40;

  private JsonFields() {}

  /** The trimmed text of a string, number or boolean field; null if absent, blank or other. */
  static String text(JsonNode parent, String field) {
    JsonNode n = parent == null ? null : parent.get(field);
    if (n == null || !(n.isTextual() || n.isNumber() || n.isBoolean())) {
      return null;
    }
    String s = n.asText().trim();
    return s.isEmpty() ? null : s;
  }

  /** The first of {@code fields} that has text, or null. */
  static String firstText(JsonNode parent, String... fields) {
    for (String f : fields) {
      String s = text(parent, f);
      if (s != null) {
        return s;
      }
    }
    return null;
  }

  /** A field that must be an object when present; null when absent or JSON null. */
  static ObjectNode optionalObject(JsonNode parent, String field, String where)
      throws PayloadException {
    JsonNode n = parent.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isObject()) {
      throw new PayloadException(where + ": '" + field + "' must be an object");
    }
    return (ObjectNode) n;
  }

  /** A lower-cased text field, or null. */
  static String lowerText(JsonNode parent, String field) {
    String s = text(parent, field);
    return s == null ? null : s.toLowerCase(Locale.ROOT);
  }

  /** Adds a link when {@code url} is an absolute http(s) URL with a host; ignores it otherwise. */
  static void addLink(List<Link> links, String label, String url) {
    if (isWebUrl(url)) {
      links.add(new Link(label, url));
    }
  }

  /** Whether {@code url} is an absolute http or https URL naming a host. */
  static boolean isWebUrl(String url) {
    if (url == null) {
      return false;
    }
    try {
      URI u = new URI(url);
      String scheme = u.getScheme();
      return scheme != null && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
          && u.getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  /** A short, printable rendering of a sender's value for an error message. */
  static String quote(String value) {
    StringBuilder b = new StringBuilder();
    value.codePoints().limit(MAX_QUOTED_CHARS).forEach(cp ->
        b.appendCodePoint(Character.isISOControl(cp) ? '?' : cp));
    if (value.codePointCount(0, value.length()) > MAX_QUOTED_CHARS) {
      b.append('…');
    }
    return "'" + b + "'";
  }
}

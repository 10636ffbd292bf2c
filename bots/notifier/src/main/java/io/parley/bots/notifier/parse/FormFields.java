package io.parley.bots.notifier.parse;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decoded name/value fields of a form body or a query string, in the order they came. A name
 * may repeat; readers take its first value. Holds at most {@link #MAX_FIELDS} values, so a
 * hostile form cannot make the receiver build a huge map out of a body within the size limit.
 * Immutable once built; thread-safe.
 */
public final class FormFields {
  /** Most field values one form or query may carry. */
  public static final int MAX_FIELDS = 64;
  /** No fields. */
  public static final FormFields EMPTY = new FormFields(Map.of());

  private final Map<String, List<String>> fields;

  private FormFields(Map<String, List<String>> fields) {
    this.fields = fields;
  }

  /**
   * Fields already decoded elsewhere (the HTTP server's query parameters), in their iteration
   * order.
   *
   * @throws PayloadException if there are more than {@link #MAX_FIELDS} values
   */
  public static FormFields of(Map<String, ? extends Iterable<String>> decoded)
      throws PayloadException {
    Builder b = new Builder("query");
    for (Map.Entry<String, ? extends Iterable<String>> e : decoded.entrySet()) {
      for (String value : e.getValue()) {
        b.add(e.getKey(), value);
      }
    }
    return b.build();
  }

  /**
   * Parses an {@code application/x-www-form-urlencoded} text: {@code name=value} pairs joined
   * by {@code &}, {@code +} for space, {@code %XX} escapes of UTF-8 bytes.
   *
   * @return the fields, or empty when the text is not URL-encoded (a '%' not followed by two
   *     hex digits), as plain text labelled with this type often is
   * @throws PayloadException if there are more than {@link #MAX_FIELDS} fields
   */
  static Optional<FormFields> urlEncoded(String text) throws PayloadException {
    Builder b = new Builder("form");
    for (String pair : text.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      try {
        b.add(URLDecoder.decode(name, StandardCharsets.UTF_8),
            URLDecoder.decode(value, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException notUrlEncoded) {
        return Optional.empty();
      }
    }
    return Optional.of(b.build());
  }

  /** The first value of {@code name}, or null when absent. */
  public String first(String name) {
    List<String> values = fields.get(name);
    return values == null ? null : values.get(0);
  }

  /** Whether {@code name} is present (possibly with an empty value). */
  public boolean has(String name) {
    return fields.containsKey(name);
  }

  /** The field names, in first-seen order. */
  public Set<String> names() {
    return Collections.unmodifiableSet(fields.keySet());
  }

  /** Whether there are no fields at all. */
  public boolean isEmpty() {
    return fields.isEmpty();
  }

  /** Names only: values may be messages or secrets. */
  @Override
  public String toString() {
    return "FormFields" + fields.keySet();
  }

  /** Collects fields while enforcing {@link #MAX_FIELDS}. Not thread-safe. */
  static final class Builder {
    private final String what;
    private final Map<String, List<String>> fields = new LinkedHashMap<>();
    private int count;

    /** @param what "form", "query", ... as named in the too-many-fields error */
    Builder(String what) {
      this.what = what;
    }

    Builder add(String name, String value) throws PayloadException {
      if (++count > MAX_FIELDS) {
        throw new PayloadException("the " + what + " has more than " + MAX_FIELDS + " fields");
      }
      fields.computeIfAbsent(name, n -> new ArrayList<>(1)).add(value);
      return this;
    }

    FormFields build() {
      if (fields.isEmpty()) {
        return EMPTY;
      }
      Map<String, List<String>> copy = new LinkedHashMap<>();
      fields.forEach((k, v) -> copy.put(k, List.copyOf(v)));
      return new FormFields(Collections.unmodifiableMap(copy));
    }
  }
}

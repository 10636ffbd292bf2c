package io.parley.bench.agent;

import java.util.Map;

/** Benchmark message texts: an index the receiver reads back, padded to a fixed size. */
final class Texts {
  private static final String PREFIX = "bench ";

  private Texts() {}

  /** A text of exactly {@code bytes} ASCII bytes naming {@code index}. */
  static String of(int index, int bytes) {
    StringBuilder s = new StringBuilder(bytes).append(PREFIX).append(index).append(' ');
    while (s.length() < bytes) {
      s.append('x');
    }
    return s.toString();
  }

  /** The index of a received text, or -1 if the event does not hold a benchmark text. */
  static int indexOf(Map<String, Object> eventData) {
    Object text = eventData.get("text");
    if (!(text instanceof String s) || !s.startsWith(PREFIX)) {
      return -1;
    }
    int end = s.indexOf(' ', PREFIX.length());
    try {
      return Integer.parseInt(s.substring(PREFIX.length(), end < 0 ? s.length() : end));
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}

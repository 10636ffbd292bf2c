package io.parley.protocol.agent;

import java.util.List;
import java.util.Map;

/**
 * Writes the test-vector file's JSON: ordered maps, lists, strings and numbers, two-space
 * indentation, one value per line, so the file diffs line by line. Only what the vectors use.
 */
final class JsonText {
  private JsonText() {}

  static String write(Object value) {
    StringBuilder out = new StringBuilder();
    write(out, value, 0);
    return out.append('\n').toString();
  }

  private static void write(StringBuilder out, Object v, int depth) {
    if (v instanceof Map<?, ?> m) {
      out.append('{');
      int i = 0;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        out.append(i++ == 0 ? "\n" : ",\n").append("  ".repeat(depth + 1));
        string(out, e.getKey().toString());
        out.append(": ");
        write(out, e.getValue(), depth + 1);
      }
      out.append('\n').append("  ".repeat(depth)).append('}');
    } else if (v instanceof List<?> l) {
      out.append('[');
      for (int i = 0; i < l.size(); i++) {
        out.append(i == 0 ? "\n" : ",\n").append("  ".repeat(depth + 1));
        write(out, l.get(i), depth + 1);
      }
      out.append('\n').append("  ".repeat(depth)).append(']');
    } else if (v instanceof Number || v instanceof Boolean) {
      out.append(v);
    } else {
      string(out, v.toString());
    }
  }

  private static void string(StringBuilder out, String s) {
    out.append('"');
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        default -> {
          if (c < 0x20 || c > 0x7e) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}

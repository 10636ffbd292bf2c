package io.parley.bots.notifier.format;

/**
 * Makes sender-supplied strings safe and short for a chat line: drops control characters and
 * bidirectional overrides (which can make a message read differently from what it says), folds
 * whitespace runs for one-line fields, and clips at a code point boundary with an ellipsis.
 * Stateless.
 */
final class Cleaner {
  private static final String ELLIPSIS = "…";

  private Cleaner() {}

  /** One line: every run of whitespace or control characters becomes one space. */
  static String line(String s, int maxChars) {
    StringBuilder b = new StringBuilder(Math.min(s.length(), maxChars + 1));
    boolean space = false;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.isWhitespace(cp) || Character.isISOControl(cp)) {
        space = b.length() > 0;
        continue;
      }
      if (isBidiControl(cp)) {
        continue;
      }
      if (space) {
        b.append(' ');
        space = false;
      }
      b.appendCodePoint(cp);
      if (b.length() > maxChars + 1) {
        break;
      }
    }
    return clip(b.toString(), maxChars);
  }

  /** Several lines: keeps newlines and tabs, drops other controls, normalises line ends. */
  static String block(String s) {
    StringBuilder b = new StringBuilder(s.length());
    String normalised = s.replace("\r\n", "\n").replace('\r', '\n');
    for (int i = 0; i < normalised.length(); ) {
      int cp = normalised.codePointAt(i);
      i += Character.charCount(cp);
      if ((Character.isISOControl(cp) && cp != '\n' && cp != '\t') || isBidiControl(cp)) {
        continue;
      }
      b.appendCodePoint(cp);
    }
    return b.toString().strip();
  }

  /** {@code s} itself if it fits in {@code maxChars}, else a prefix ending in an ellipsis. */
  static String clip(String s, int maxChars) {
    if (s.length() <= maxChars) {
      return s;
    }
    int end = maxChars - ELLIPSIS.length();
    if (end > 0 && Character.isHighSurrogate(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(0, Math.max(0, end)) + ELLIPSIS;
  }

  private static boolean isBidiControl(int cp) {
    return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069)
        || cp == 0x200E || cp == 0x200F || cp == 0x061C;
  }
}

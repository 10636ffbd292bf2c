package io.parley.agent.testing;

import java.util.ArrayList;
import java.util.List;

/** A minimal line diff (longest common subsequence) for readable test failure messages. */
public final class LineDiff {
  /** Lines of context kept around each change. */
  private static final int CONTEXT_LINES = 2;

  private LineDiff() {}

  /** Lines prefixed "- " (only in expected), "+ " (only in actual) or "  ", near changes. */
  public static String diff(String expected, String actual) {
    String[] a = expected.split("\n", -1);
    String[] b = actual.split("\n", -1);
    int[][] lcs = new int[a.length + 1][b.length + 1];
    for (int i = a.length - 1; i >= 0; i--) {
      for (int j = b.length - 1; j >= 0; j--) {
        lcs[i][j] = a[i].equals(b[j]) ? lcs[i + 1][j + 1] + 1
            : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    List<String> lines = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < a.length || j < b.length) {
      if (i < a.length && j < b.length && a[i].equals(b[j])) {
        lines.add("  " + a[i++]);
        j++;
      } else if (i < a.length && (j == b.length || lcs[i + 1][j] >= lcs[i][j + 1])) {
        lines.add("- " + a[i++]);
      } else {
        lines.add("+ " + b[j++]);
      }
    }
    StringBuilder out = new StringBuilder();
    for (int k = 0; k < lines.size(); k++) {
      if (nearChange(lines, k)) {
        out.append(lines.get(k)).append('\n');
      }
    }
    return out.toString();
  }

  private static boolean nearChange(List<String> lines, int k) {
    for (int d = Math.max(0, k - CONTEXT_LINES); d <= Math.min(lines.size() - 1,
        k + CONTEXT_LINES); d++) {
      if (!lines.get(d).startsWith("  ")) {
        return true;
      }
    }
    return false;
  }
}

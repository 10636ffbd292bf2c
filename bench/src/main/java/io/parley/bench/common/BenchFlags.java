package io.parley.bench.common;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * A benchmark's command line: {@code --flag value} pairs, each flag at most once and each one
 * known to the tool. Immutable.
 */
public final class BenchFlags {
  /** Upper bound of every count, so a typo cannot run for hours. */
  public static final int MAX_COUNT = 10_000_000;
  /** Digits a count may have; with {@code _} separators allowed, as in {@code 20_000}. */
  private static final String COUNT_PATTERN = "[0-9]{1,9}";

  private final Map<String, String> values;

  private BenchFlags(Map<String, String> values) {
    this.values = values;
  }

  /** True if the command line asks for the usage ({@code --help} or {@code -h}). */
  public static boolean wantsHelp(String[] args) {
    for (String a : args) {
      if (a.equals("--help") || a.equals("-h")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Reads {@code args} as pairs of a flag out of {@code known} and its value.
   *
   * @throws UsageException naming a flag that is unknown, repeated or lacks a value
   */
  public static BenchFlags parse(String[] args, Set<String> known) throws UsageException {
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      String flag = args[i];
      if (!known.contains(flag)) {
        throw new UsageException("unknown option " + flag);
      }
      if (i + 1 >= args.length) {
        throw new UsageException(flag + " needs a value");
      }
      if (values.put(flag, args[i + 1]) != null) {
        throw new UsageException(flag + " is given twice");
      }
    }
    return new BenchFlags(values);
  }

  /**
   * The whole number given for {@code flag}, or {@code absent} if it is not given.
   *
   * @throws UsageException if the value is not a whole number from {@code min} to {@code max}
   */
  public int count(String flag, int absent, int min, int max) throws UsageException {
    String v = values.get(flag);
    if (v == null) {
      return absent;
    }
    String digits = v.replace("_", "");
    if (digits.matches(COUNT_PATTERN)) {
      int n = Integer.parseInt(digits);
      if (n >= min && n <= max) {
        return n;
      }
    }
    throw new UsageException(flag + " must be a whole number from " + min + " to " + max
        + ", not '" + v + "'");
  }

  /** The text given for {@code flag}, or null. */
  public String text(String flag) {
    return values.get(flag);
  }
}

package io.parley.bench.common;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Whole-number flags of the benchmarks: {@code 20000} or {@code 20_000}, at most
 * {@link #MAX_COUNT}; each tool checks its own lower bound with {@link #check}. Stateless.
 */
public final class Counts {
  /** Upper bound of every count, so a typo cannot run for hours. */
  public static final int MAX_COUNT = 10_000_000;
  /** Digits a count may have, once {@code _} separators are removed. */
  private static final String COUNT_PATTERN = "[0-9]{1,9}";

  private Counts() {}

  /** picocli converter of a count. */
  public static final class Converter implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      String digits = value.replace("_", "");
      if (!digits.matches(COUNT_PATTERN)) {
        throw new TypeConversionException("must be a whole number, not '" + value + "'");
      }
      return Integer.parseInt(digits);
    }
  }

  /**
   * {@code value}, or {@code absent} if the flag was not given.
   *
   * @throws UsageException if the value is not from {@code min} to {@code max}
   */
  public static int check(String flag, Integer value, int absent, int min, int max)
      throws UsageException {
    if (value == null) {
      return absent;
    }
    if (value < min || value > max) {
      throw new UsageException(flag + " must be a whole number from " + min + " to " + max
          + ", not '" + value + "'");
    }
    return value;
  }
}

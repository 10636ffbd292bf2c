package io.parley.protocol;

import java.util.OptionalInt;

/**
 * An inclusive range of protocol versions. The client picks the highest version both ranges
 * contain; disjoint ranges fail the handshake.
 */
public record VersionRange(int min, int max) {
  /** The relay protocol versions this build speaks. */
  public static final VersionRange SUPPORTED = new VersionRange(1, 1);

  public VersionRange {
    if (min < 1 || max < min || max > 0xFFFF) {
      throw new IllegalArgumentException("bad version range " + min + ".." + max);
    }
  }

  public boolean contains(int v) {
    return v >= min && v <= max;
  }

  /** Highest version in both ranges, or empty if they do not overlap. */
  public OptionalInt negotiate(VersionRange other) {
    int hi = Math.min(max, other.max);
    int lo = Math.max(min, other.min);
    return hi >= lo ? OptionalInt.of(hi) : OptionalInt.empty();
  }
}

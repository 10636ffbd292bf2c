package io.parley.sdk.model;

/**
 * The receiving daemon's integrity verdict on a message. Immutable.
 *
 * @param from first missing message number when {@link IntegrityKind#SKIPPED}, else null
 * @param to last missing message number when {@link IntegrityKind#SKIPPED}, else null
 */
public record Integrity(IntegrityKind kind, Long from, Long to) {
  /** Whether nothing is wrong. */
  public boolean isOk() {
    return kind == IntegrityKind.OK;
  }
}

package io.parley.daemon.store.api;

/**
 * A scoped API token as stored: its SHA-256 only. {@link #toString()} leaves the hash out.
 *
 * @param name a label chosen by whoever created it, or null
 * @param tokenHash SHA-256 of the token (32 bytes)
 * @param createdAt UNIT: epoch milliseconds
 * @param profileId the profile the token acts in
 */
public record TokenRow(String id, String name, TokenScope scope, byte[] tokenHash,
    long createdAt, String profileId) {
  @Override
  public String toString() {
    return "TokenRow[id=" + id + ", scope=" + scope.label() + "]";
  }
}

package io.parley.daemon.store.api;

import java.util.List;

/**
 * A webhook as stored. {@link #toString()} leaves the URL (it may hold credentials) and the
 * secret out.
 *
 * @param types event types delivered, or null for every type
 * @param secret HMAC-SHA256 key of the signature header
 * @param cursor the last event sequence number delivered or skipped
 * @param attempts failed attempts at the next event since the last success
 * @param lastError the last failure (status or connection error), or null
 * @param lastErrorAt UNIT: epoch milliseconds, or null
 * @param lastSuccessAt UNIT: epoch milliseconds, or null
 * @param createdAt UNIT: epoch milliseconds
 * @param profileId the profile whose events it receives
 */
public record WebhookRow(
    String id,
    String url,
    List<String> types,
    byte[] secret,
    long cursor,
    int attempts,
    String lastError,
    Long lastErrorAt,
    Long lastSuccessAt,
    long createdAt,
    String profileId) {

  public WebhookRow {
    types = types == null ? null : List.copyOf(types);
  }

  /** Whether events of {@code type} go to this webhook. */
  public boolean wants(String type) {
    return types == null || types.contains(type);
  }

  @Override
  public String toString() {
    return "WebhookRow[id=" + id + ", cursor=" + cursor + ", attempts=" + attempts + "]";
  }
}

package io.parley.sdk.model;

import java.time.Instant;
import java.util.List;

/**
 * A webhook: the daemon POSTs each wanted event to {@link #url()} in order, at least once,
 * signed with the webhook's secret, retrying with backoff until it gets a 2xx. Immutable;
 * {@link #toString()} leaves the URL (which may carry a secret) and the secret out.
 *
 * @param types event types delivered, or null for all
 * @param cursor the last seq delivered or skipped
 * @param pending wanted events still to deliver
 * @param attempts failed attempts at the next event
 * @param lastError why the last attempt failed, or null
 * @param secret the generated secret, only in the answer to a creation without one; else null
 */
public record Webhook(
    String id,
    String url,
    List<String> types,
    long cursor,
    long pending,
    int attempts,
    String lastError,
    Instant lastErrorAt,
    Instant lastSuccessAt,
    Instant createdAt,
    String secret) {

  @Override
  public String toString() {
    return "Webhook[id=" + id + ", cursor=" + cursor + ", pending=" + pending + ", attempts="
        + attempts + "]";
  }
}

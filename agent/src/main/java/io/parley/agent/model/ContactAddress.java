package io.parley.agent.model;

import java.time.Instant;

/**
 * This agent's long-term contact address. Anyone holding {@link #link()} can ask to connect.
 * {@link #toString()} leaves the link and the welcome text out.
 *
 * @param autoAccept whether requests are accepted without asking the user
 * @param welcome text sent as the first message on connections accepted from the address, or
 *     null
 */
public record ContactAddress(String link, boolean autoAccept, String welcome, Instant createdAt) {
  @Override
  public String toString() {
    return "ContactAddress[autoAccept=" + autoAccept + ", createdAt=" + createdAt + "]";
  }
}

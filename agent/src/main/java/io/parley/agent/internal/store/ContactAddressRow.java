package io.parley.agent.internal.store;

/**
 * The single row of {@code contact_address}. {@link #toString()} leaves out the link.
 *
 * @param rcvQueueId the contact-mode receive queue requests arrive on
 * @param link the address as shared with others
 * @param autoAccept whether requests are accepted without asking
 * @param welcome first message sent on accepted connections, or null
 * @param createdAt UNIT: epoch milliseconds
 * @param updatedAt UNIT: epoch milliseconds
 */
public record ContactAddressRow(
    long rcvQueueId,
    String link,
    boolean autoAccept,
    String welcome,
    long createdAt,
    long updatedAt) {

  @Override
  public String toString() {
    return "ContactAddressRow[rcvQueueId=" + rcvQueueId + ", autoAccept=" + autoAccept + "]";
  }
}

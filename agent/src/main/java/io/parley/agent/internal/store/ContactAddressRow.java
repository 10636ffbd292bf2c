package io.parley.agent.internal.store;

/**
 * A profile's row of {@code contact_address} (one per profile). {@link #toString()} leaves out the link.
 *
 * @param profileId the profile the address belongs to
 * @param rcvQueueId the contact-mode receive queue requests arrive on
 * @param link the address as shared with others
 * @param autoAccept whether requests are accepted without asking
 * @param welcome first message sent on accepted connections, or null
 * @param createdAt UNIT: epoch milliseconds
 * @param updatedAt UNIT: epoch milliseconds
 */
public record ContactAddressRow(
    String profileId,
    long rcvQueueId,
    String link,
    boolean autoAccept,
    String welcome,
    long createdAt,
    long updatedAt) {

  @Override
  public String toString() {
    return "ContactAddressRow[profileId=" + profileId + ", rcvQueueId=" + rcvQueueId + ", autoAccept=" + autoAccept + "]";
  }
}

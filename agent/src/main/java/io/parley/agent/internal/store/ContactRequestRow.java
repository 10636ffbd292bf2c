package io.parley.agent.internal.store;

/**
 * One row of {@code contact_requests}. {@link #toString()} leaves out the invitation link and
 * the profile.
 *
 * @param invitation the requester's invitation link, joined on accept
 * @param profile what the requester says about itself (JSON), or null
 * @param connectionId the connection created on accept, else null
 * @param createdAt UNIT: epoch milliseconds
 * @param updatedAt UNIT: epoch milliseconds
 * @param profileId the profile whose address received it
 */
public record ContactRequestRow(
    String id,
    String invitation,
    String profile,
    ContactRequestStatus status,
    String connectionId,
    long createdAt,
    long updatedAt,
    String profileId) {

  /** A new pending request with a fresh id. */
  public static ContactRequestRow pending(String profileId, String invitation, String profile,
      long now) {
    return new ContactRequestRow(StoreIds.newId(), invitation, profile,
        ContactRequestStatus.PENDING, null, now, now, profileId);
  }

  @Override
  public String toString() {
    return "ContactRequestRow[id=" + id + ", status=" + status + ", connectionId="
        + connectionId + "]";
  }
}

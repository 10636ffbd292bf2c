package io.parley.agent.model;

/**
 * A one-time invitation just created: the connection waiting for its peer and the link to pass
 * to that peer out of band. The link is secret; {@link #toString()} leaves it out.
 */
public record NewInvitation(String connectionId, String link) {
  @Override
  public String toString() {
    return "NewInvitation[connectionId=" + connectionId + "]";
  }
}

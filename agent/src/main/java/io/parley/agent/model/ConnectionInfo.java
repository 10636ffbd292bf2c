package io.parley.agent.model;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A connection as the application sees it. Immutable.
 *
 * @param alias the local name the user gave it, or null
 * @param securityCode the code both sides compare out of band to rule out a man in the middle;
 *     null until the handshake has fixed both sides' keys
 * @param viaContactAddress true when the connection was made through a contact address
 * @param profileId the profile of this agent the connection belongs to
 * @param peerName the display name the peer sent in the handshake (untrusted), or null
 * @param peerDescription the description the peer sent with it (untrusted), or null
 * @param peerCommands the commands the peer (a bot) published in the handshake (untrusted);
 *     empty for none
 * @param pq true when the connection's ratchet is the hybrid post-quantum one (X25519 and
 *     ML-KEM-768, agent version 2); false for the classic ratchet, and before the ratchet
 *     exists (a pending invitation)
 */
public record ConnectionInfo(
    String id,
    String alias,
    Status status,
    Role role,
    String securityCode,
    boolean viaContactAddress,
    Instant createdAt,
    Instant updatedAt,
    String profileId,
    String peerName,
    String peerDescription,
    List<ProfileCommand> peerCommands,
    boolean pq) {

  public ConnectionInfo {
    peerCommands = peerCommands == null ? List.of() : List.copyOf(peerCommands);
  }

  /** Where the connection is in its life. */
  public enum Status {
    /** An invitation was created; waiting for the peer to join. */
    PENDING,
    /** This side joined; waiting for the peer's confirmation. */
    JOINING,
    /** Both sides hold the ratchet; messages flow. */
    ESTABLISHED,
    /**
     * Deleted here; kept on record without its keys. Only {@link Agent#connectionOnRecord}
     * answers such a connection.
     */
    DELETED;

    /** The API name: pending, joining, established. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Which side of the handshake this agent played. */
  public enum Role {
    INVITER,
    JOINER;

    /** The API name: inviter, joiner. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}

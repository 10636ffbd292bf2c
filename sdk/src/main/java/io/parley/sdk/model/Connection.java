package io.parley.sdk.model;

import java.time.Instant;
import java.util.List;

/**
 * A connection with one peer, as {@code GET /v1/connections/{id}} shows it. Immutable.
 *
 * @param id the connection's id, used in every per-connection call
 * @param alias the local name given to the peer, or null
 * @param securityCode a code both sides can compare out of band to rule out a
 *     man-in-the-middle; null until established
 * @param viaContactAddress whether the peer came through this daemon's contact address
 * @param profile the daemon profile the connection belongs to
 * @param peerProfile what the peer said about itself in the handshake (untrusted), or null
 *     until it arrived
 * @param verified whether someone marked the security code compared
 * @param verifiedAt when it was marked, or null
 * @param unread incoming messages after the read marker, counted up to 99; null unless the
 *     token is an admin token
 * @param lastMessage the newest message either way, or null (admin tokens only)
 * @param pq whether the connection uses the hybrid post-quantum ratchet (X25519 and
 *     ML-KEM-768); false for the classic ratchet and before the handshake completes
 */
public record Connection(
    String id,
    String alias,
    ConnectionStatus status,
    ConnectionRole role,
    String securityCode,
    boolean viaContactAddress,
    String profile,
    PeerProfile peerProfile,
    Instant createdAt,
    Instant updatedAt,
    boolean verified,
    Instant verifiedAt,
    Integer unread,
    Message lastMessage,
    boolean pq) {

  /**
   * The peer's display name, description and (for a bot) command list, as it sent them;
   * untrusted text.
   *
   * @param description null when the peer gave none
   * @param commands the commands a bot peer answers, names without the slash; empty for a
   *     peer that sent none
   */
  public record PeerProfile(String name, String description, List<BotCommand> commands) {
    public PeerProfile {
      commands = commands == null ? List.of() : List.copyOf(commands);
    }

    /** A peer profile without commands. */
    public PeerProfile(String name, String description) {
      this(name, description, null);
    }
  }

  /** Whether messages can be sent on it. */
  public boolean isEstablished() {
    return status == ConnectionStatus.ESTABLISHED;
  }
}

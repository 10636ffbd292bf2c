package io.parley.agent.model;

import java.time.Instant;
import java.util.List;

/**
 * One of this agent's profiles: an identity with its own connections, contact address,
 * contact requests and events. Its display name and description are what peers see in the
 * handshake.
 *
 * @param isDefault whether it is the profile that owns what existed before profiles (it
 *     cannot be deleted)
 * @param description a short description sent with the name, or null
 * @param commands the commands it publishes to peers (a bot's), in order; empty for none
 */
public record ProfileInfo(String id, String displayName, String description,
    boolean isDefault, Instant createdAt, List<ProfileCommand> commands) {
  public ProfileInfo {
    commands = commands == null ? List.of() : List.copyOf(commands);
  }

  /** The default profile's id. */
  public static final String DEFAULT_ID = "default";
}

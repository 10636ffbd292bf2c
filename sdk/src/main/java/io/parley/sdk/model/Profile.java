package io.parley.sdk.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * One of the daemon's profiles: an identity with its own connections, contact address,
 * events and tokens. Immutable.
 *
 * @param name the display name peers are sent in the handshake
 * @param description a short description sent with it, or null
 * @param isDefault whether it is the profile the owner token acts on
 */
public record Profile(String id, String name, String description,
    @JsonProperty("default") boolean isDefault, Instant createdAt, List<BotCommand> commands) {
  public Profile {
    commands = commands == null ? List.of() : List.copyOf(commands);
  }
}

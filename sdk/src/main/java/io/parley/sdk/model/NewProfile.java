package io.parley.sdk.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * A profile just created, with the admin token of it that was made in the same transaction
 * ({@link ApiToken#token()} is the only time it is shown). Immutable.
 */
public record NewProfile(String id, String name, String description,
    @JsonProperty("default") boolean isDefault, Instant createdAt, List<BotCommand> commands,
    ApiToken token) {
  /** The profile without its token. */
  public Profile profile() {
    return new Profile(id, name, description, isDefault, createdAt, commands);
  }
}

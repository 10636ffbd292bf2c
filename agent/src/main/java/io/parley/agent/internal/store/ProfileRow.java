package io.parley.agent.internal.store;

/**
 * One row of {@code profiles}: an identity of this agent.
 *
 * @param name display name sent to peers; null on the default profile means the agent's
 *     configured name
 * @param description optional short description sent with the name, or null
 * @param commands the command list in its wire form ({@link
 *     io.parley.agent.internal.runtime.ProfileText#encodeCommands}), or null for none
 * @param deleting true from the unit that starts the profile's deletion until its row goes
 * @param createdAt UNIT: epoch milliseconds
 * @param updatedAt UNIT: epoch milliseconds
 */
public record ProfileRow(String id, String name, String description, String commands,
    boolean deleting, long createdAt, long updatedAt) {
  /** The id of the profile that owns everything a database held before profiles existed. */
  public static final String DEFAULT_ID = "default";

  /** A new active profile with a fresh id. */
  public static ProfileRow create(String name, String description, long now) {
    return new ProfileRow(StoreIds.newId(), name, description, null, false, now, now);
  }

  public boolean isDefault() {
    return DEFAULT_ID.equals(id);
  }
}

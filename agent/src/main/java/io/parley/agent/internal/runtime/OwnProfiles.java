package io.parley.agent.internal.runtime;

import io.parley.agent.internal.store.ProfileRow;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This agent's profiles as loaded and changed since: what each sends to peers, and which are
 * usable (a profile being deleted is not). Thread-safe.
 */
public final class OwnProfiles {
  private final String configuredName;
  private final Map<String, ProfileRow> rows = new ConcurrentHashMap<>();

  /** @param configuredName the default profile's display name unless it was given another */
  public OwnProfiles(String configuredName) {
    this.configuredName = configuredName == null ? "" : configuredName;
  }

  public void put(ProfileRow row) {
    rows.put(row.id(), row);
  }

  public void remove(String id) {
    rows.remove(id);
  }

  /** A profile that is not being deleted. */
  public Optional<ProfileRow> active(String id) {
    ProfileRow r = id == null ? null : rows.get(id);
    return r == null || r.deleting() ? Optional.empty() : Optional.of(r);
  }

  /** Every profile known, those being deleted included. */
  public List<ProfileRow> all() {
    return List.copyOf(rows.values());
  }

  /** The display name a profile shows: its own, or the configured one for the default. */
  public String displayName(ProfileRow r) {
    return r.name() != null ? r.name() : r.isDefault() ? configuredName : "";
  }

  /** What {@code profileId} sends to peers in handshakes and contact requests. */
  public String handshakeText(String profileId) {
    ProfileRow r = rows.get(profileId);
    if (r == null) {
      return ProfileRow.DEFAULT_ID.equals(profileId) ? configuredName : "";
    }
    return new ProfileText(displayName(r), r.description(),
        ProfileText.decodeCommands(r.commands())).encode();
  }
}

package io.parley.daemon.api.events;

import io.parley.daemon.api.http.ApiException;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which events a reader gets: those of its profile, and of the types it wants: {@code types=message.received,connection.established}, or
 * every type when absent. Unknown type names are accepted (a newer daemon may add types), but
 * they must look like type names. Immutable.
 */
public final class EventFilter {
  /** Most types one filter names. */
  public static final int MAX_TYPES = 32;
  private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*");
  private static final EventFilter ALL = new EventFilter(null);

  private final Set<String> types;
  /** The profile whose events pass, or null for every profile's. */
  private final String profileId;

  private EventFilter(Set<String> types) {
    this(types, null);
  }

  private EventFilter(Set<String> types, String profileId) {
    this.types = types;
    this.profileId = profileId;
  }

  /**
   * This filter limited to what the stream of {@code profile} shows: its own events and those
   * of every profile (relays going up and down).
   */
  public EventFilter forProfile(String profile) {
    return new EventFilter(types, profile);
  }

  /** Whether a reader with this filter gets {@code e}. */
  public boolean accepts(HubEvent e) {
    return accepts(e.type()) && (profileId == null || e.event().visibleTo(profileId));
  }

  /** Every type. */
  public static EventFilter all() {
    return ALL;
  }

  /**
   * Parses a comma-separated list.
   *
   * @throws ApiException 400 if it names no type, too many, or a malformed one
   */
  public static EventFilter parse(Optional<String> list) throws ApiException {
    if (list.isEmpty()) {
      return ALL;
    }
    Set<String> types = new LinkedHashSet<>();
    for (String t : list.get().split(",")) {
      String type = t.trim();
      if (!TYPE.matcher(type).matches() || type.length() > 64) {
        throw ApiException.badRequest("'types' must list event types such as message.received");
      }
      types.add(type);
    }
    if (types.isEmpty() || types.size() > MAX_TYPES) {
      throw ApiException.badRequest("'types' must list 1 to " + MAX_TYPES + " event types");
    }
    return new EventFilter(Set.copyOf(types));
  }

  public boolean accepts(String type) {
    return types == null || types.contains(type);
  }
}

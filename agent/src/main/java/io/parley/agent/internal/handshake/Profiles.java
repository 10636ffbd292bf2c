package io.parley.agent.internal.handshake;

import io.parley.agent.internal.runtime.ProfileText;

/** What the agent makes of a peer's profile (its display name): untrusted text. */
final class Profiles {
  /** Longest alias taken from a peer's display name. UNIT: characters. */
  static final int MAX_ALIAS_CHARS = 100;

  private Profiles() {}

  /** The peer's display name as a default alias, or null if it gave none. */
  static String aliasOf(String profile) {
    if (profile == null) {
      return null;
    }
    String p = ProfileText.decode(profile).name().strip();
    if (p.isEmpty()) {
      return null;
    }
    return p.length() > MAX_ALIAS_CHARS ? p.substring(0, MAX_ALIAS_CHARS) : p;
  }
}

package io.parley.daemon.store.api;

import java.util.Locale;
import java.util.Optional;

/** What an API token may do (docs/api.md, "Tokens"). */
public enum TokenScope {
  /** Everything, like the root token in {@code api.token}. */
  ADMIN,
  /** List connections and send messages; nothing else. */
  SEND;

  /** The stored and API name: admin, send. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The scope named {@code label}, or empty if there is none. */
  public static Optional<TokenScope> parse(String label) {
    for (TokenScope s : values()) {
      if (s.label().equals(label)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}

package io.parley.sdk.model;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What an API token may do. */
public enum TokenScope {
  /** Everything. */
  ADMIN,
  /** List and read connections and send messages; nothing else (for alert sources). */
  SEND,
  /** A scope this SDK version does not know. */
  @JsonEnumDefaultValue
  UNKNOWN;

  /** The API's name of the scope. */
  @JsonValue
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}

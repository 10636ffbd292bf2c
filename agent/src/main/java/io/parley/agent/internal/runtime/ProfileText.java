package io.parley.agent.internal.runtime;

import java.nio.charset.StandardCharsets;

/**
 * A profile as it travels in the handshake (the {@code profile} tail of the connection info
 * and of a contact request, docs/agent.md 1.2): the display name in UTF-8, then, if there is
 * a description, one 0x00 byte and the description in UTF-8. A name holds no control
 * character, so the first 0x00 ends it; a peer that sends no 0x00 sent a name alone. What a
 * peer sends is untrusted: {@link #decode} never fails. Stateless.
 *
 * @param name the display name, possibly empty
 * @param description the description, or null
 */
public record ProfileText(String name, String description) {
  /** Longest display name. UNIT: characters. */
  public static final int MAX_NAME_CHARS = 100;
  /** Longest description. UNIT: characters. */
  public static final int MAX_DESCRIPTION_CHARS = 500;
  private static final char SEPARATOR = '\0';

  /** The handshake text; the encoded bytes stay within the protocol's profile limit. */
  public String encode() {
    return description == null || description.isEmpty() ? name
        : name + SEPARATOR + description;
  }

  /** Reads what a peer sent (null or empty: nothing). */
  public static ProfileText decode(String text) {
    if (text == null) {
      return new ProfileText("", null);
    }
    int cut = text.indexOf(SEPARATOR);
    return cut < 0 ? new ProfileText(text, null)
        : new ProfileText(text.substring(0, cut), text.substring(cut + 1));
  }

  /**
   * Whether a display name (or description) may be stored: no control characters and at
   * most {@code maxChars} characters.
   */
  public static boolean acceptable(String text, int maxChars) {
    if (text == null) {
      return true;
    }
    if (text.length() > maxChars) {
      return false;
    }
    return text.codePoints().noneMatch(Character::isISOControl)
        && text.getBytes(StandardCharsets.UTF_8).length <= maxChars * 4;
  }
}

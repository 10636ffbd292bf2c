package io.parley.agent.model;

import java.util.regex.Pattern;

/**
 * A command a profile (a bot) answers, published in its handshake profile so peers can list
 * and complete it (docs/agent-protocol.md 4.2). Immutable.
 *
 * @param name the command without its slash: 1-32 of {@code a-z 0-9 _ -}
 * @param description what it does, or null
 */
public record ProfileCommand(String name, String description) {
  /** Most commands a profile publishes. */
  public static final int MAX_COMMANDS = 32;
  /** Longest command name, without its slash. UNIT: characters. */
  public static final int MAX_NAME_CHARS = 32;
  /** Longest command description. UNIT: characters. */
  public static final int MAX_DESCRIPTION_CHARS = 100;
  /** A command name: lower-case letters, digits, {@code _} and {@code -}. */
  public static final Pattern NAME = Pattern.compile("[a-z0-9_-]{1," + MAX_NAME_CHARS + "}");
}

package io.parley.sdk.model;

/**
 * A command a bot answers, as its profile publishes it ({@code PATCH /v1/profiles/{id}}) and
 * its peers see it ({@code peerProfile.commands}). Immutable.
 *
 * @param name the command without its slash: 1-32 of {@code a-z 0-9 _ -}
 * @param description one line saying what it does, or null
 */
public record BotCommand(String name, String description) {}

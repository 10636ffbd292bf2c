package io.parley.sdk.model;

import java.time.Instant;

/**
 * One step of an outgoing message's status timeline. Immutable.
 *
 * @param reason why it failed or was retried, or null
 */
public record StatusChange(MessageStatus status, String reason, Instant at) {}

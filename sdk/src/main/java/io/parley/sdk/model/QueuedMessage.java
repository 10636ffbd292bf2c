package io.parley.sdk.model;

import java.time.Instant;

/**
 * The daemon's answer to a send: the message is durably queued and has an id to follow its
 * status by. Immutable.
 */
public record QueuedMessage(
    String messageId, String connectionId, MessageStatus status, Instant createdAt) {}

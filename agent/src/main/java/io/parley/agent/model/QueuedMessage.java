package io.parley.agent.model;

import java.time.Instant;

/**
 * The answer to a send: the message's id and its status now. A retried send with the same
 * idempotency key answers with the first message, whose status may have moved on.
 */
public record QueuedMessage(
    String messageId, String connectionId, MessageStatus status, Instant createdAt) {}

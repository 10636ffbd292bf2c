package io.parley.agent.internal.store;

/**
 * One entry of an outgoing message's timeline ({@code message_status}).
 *
 * @param reason why, for a retry or a failure; null otherwise
 * @param at UNIT: epoch milliseconds
 */
public record StatusChange(OutMessageStatus status, String reason, long at) {}

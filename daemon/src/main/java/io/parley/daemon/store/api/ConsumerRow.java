package io.parley.daemon.store.api;

/**
 * A named event consumer.
 *
 * @param cursor the last event sequence number it acknowledged, 0 before the first
 * @param createdAt UNIT: epoch milliseconds
 * @param updatedAt UNIT: epoch milliseconds
 */
public record ConsumerRow(String name, long cursor, long createdAt, long updatedAt) {}

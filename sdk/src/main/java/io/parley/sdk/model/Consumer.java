package io.parley.sdk.model;

import java.time.Instant;

/**
 * A named consumer: a cursor into the event log kept by the daemon. Immutable.
 *
 * @param cursor the last event acknowledged
 */
public record Consumer(String name, long cursor, Instant createdAt, Instant updatedAt) {}

package io.parley.sdk.model;

import java.time.Instant;

/**
 * Someone asked to connect through the contact address while auto-accept is off. Immutable.
 *
 * @param id the request's id, for accept and reject
 * @param profile what the requester says about itself (its display name); untrusted text
 */
public record ContactRequest(String id, String profile, Instant createdAt) {}

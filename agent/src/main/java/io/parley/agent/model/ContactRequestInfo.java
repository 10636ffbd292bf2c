package io.parley.agent.model;

import java.time.Instant;

/**
 * A pending request to connect, received on the contact address.
 *
 * @param profile what the requester says about itself (its display name); untrusted text
 */
public record ContactRequestInfo(String id, String profile, Instant createdAt) {}

package io.parley.agent.internal.client;

/**
 * A queue to keep subscribed: its recipient id and recipient authorization key (secret).
 *
 * @param recipientId the queue's recipient id
 * @param authKey the queue's X25519 recipient authorization private key
 */
public record SubscriptionKey(byte[] recipientId, byte[] authKey) {}

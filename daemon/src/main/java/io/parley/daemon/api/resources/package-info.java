/**
 * The API's endpoints, one class per resource (connections, invitations, messages, address,
 * requests, events, consumers, webhooks, tokens, health, info, metrics, the OpenAPI file),
 * each registering its routes and mapping the agent's records to the JSON shapes of
 * {@code openapi.yaml}.
 *
 * <p>May use: {@code api.http}, {@code api.security}, {@code api.events},
 * {@code api.webhooks}, {@code store.api}, {@code qr}, the agent's public API and read models,
 * Micrometer and the relay's JVM binders ({@code io.parley.relay.metrics}).
 * Not {@code api} itself: the server hands each resource what it needs.
 */
package io.parley.daemon.api.resources;

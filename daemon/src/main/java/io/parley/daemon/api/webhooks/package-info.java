/**
 * Outgoing webhooks: each event of the durable log (of the chosen types) is POSTed to each
 * webhook's URL, one at a time and in order, signed with HMAC-SHA256, and retried with capped
 * exponential backoff until the URL answers 2xx. The cursor of each webhook is stored, so
 * delivery is at least once across restarts.
 *
 * <p>May use: {@code api.events} (the hub it reads from), {@code api.http} (the conflict error
 * when there are too many), {@code store.api} (webhook rows), the agent's read models (pending
 * counts), the JDK's HTTP client. Not {@code api.resources}, which serves it.
 */
package io.parley.daemon.api.webhooks;

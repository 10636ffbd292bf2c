/**
 * Outgoing webhooks: each event of the durable log (of the chosen types) is POSTed to each
 * webhook's URL, one at a time and in order, signed with HMAC-SHA256, and retried with capped
 * exponential backoff until the URL answers 2xx. The cursor of each webhook is stored, so
 * delivery is at least once across restarts.
 */
package io.parley.daemon.webhooks;

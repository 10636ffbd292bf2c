/**
 * Parsers for what alert sources send (Alertmanager, Grafana, Uptime Kuma, ntfy-style JSON, plain
 * text, and forms or query parameters carrying Uptime Kuma's fields), detected by media type and
 * shape, each failing with a 400 (or 415) reason rather than an unchecked exception.
 */
package io.parley.bots.notifier.parse;

/**
 * Parsers for what alert sources send (Alertmanager, Grafana, Uptime Kuma, ntfy-style JSON, plain
 * text), detected by shape, each failing with a 400 reason rather than an unchecked exception.
 */
package io.parley.bots.notifier.parse;

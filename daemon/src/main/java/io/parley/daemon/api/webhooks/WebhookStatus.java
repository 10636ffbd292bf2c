package io.parley.daemon.api.webhooks;

import io.parley.daemon.store.api.WebhookRow;

/**
 * A webhook and how its delivery goes, for {@code GET /v1/webhooks}.
 *
 * @param pending wanted events after the cursor, still to deliver
 */
public record WebhookStatus(WebhookRow row, long pending) {}

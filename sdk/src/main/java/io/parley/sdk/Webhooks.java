package io.parley.sdk;

import io.parley.sdk.internal.ApiPaths;
import io.parley.sdk.internal.HttpApi;
import io.parley.sdk.internal.HttpApi.Body;
import io.parley.sdk.model.Webhook;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The daemon's webhooks, from {@link ParleyClient#webhooks()}: the daemon POSTs events to a URL
 * of yours, in order and at least once. Admin token only. Thread-safe.
 */
public final class Webhooks {
  private final HttpApi http;

  Webhooks(HttpApi http) {
    this.http = http;
  }

  /**
   * Starts delivering events newer than now to {@code url}.
   *
   * @param types event types to deliver; empty for all
   * @param secret 16-256 characters to sign deliveries with; null to have one generated and
   *     returned once in {@link Webhook#secret()}
   */
  public Webhook create(String url, Set<String> types, String secret) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("url", url);
    if (!types.isEmpty()) {
      body.put("types", List.copyOf(types));
    }
    if (secret != null) {
      body.put("secret", secret);
    }
    return http.call("POST", "/v1/webhooks", Body.json(body), Webhook.class);
  }

  /** Every webhook with its cursor, pending count and last error. */
  public List<Webhook> list() {
    return http.call("GET", "/v1/webhooks", Body.NONE, WebhookList.class).webhooks();
  }

  /** One webhook. */
  public Webhook get(String id) {
    return http.call("GET", "/v1/webhooks/" + ApiPaths.segment(id), Body.NONE, Webhook.class);
  }

  /** Stops and removes a webhook. */
  public void delete(String id) {
    http.call("DELETE", "/v1/webhooks/" + ApiPaths.segment(id), Body.NONE, Void.class);
  }

  /** The list answer. */
  private record WebhookList(List<Webhook> webhooks) {
    WebhookList {
      webhooks = webhooks == null ? List.of() : List.copyOf(webhooks);
    }
  }
}

package io.parley.daemon.api.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.daemon.api.events.Cursors;
import io.parley.daemon.api.events.EventFilter;
import io.parley.daemon.api.http.ApiException;
import io.parley.daemon.api.http.BodyPolicy;
import io.parley.daemon.api.http.Call;
import io.parley.daemon.api.http.Endpoint;
import io.parley.daemon.api.http.Json;
import io.parley.daemon.api.http.Reply;
import io.parley.daemon.api.http.Routes;
import io.parley.daemon.api.security.Access;
import io.parley.daemon.api.security.TokenFile;
import io.parley.daemon.store.api.WebhookRow;
import io.parley.daemon.api.webhooks.WebhookDispatcher;
import io.parley.daemon.api.webhooks.WebhookStatus;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Webhooks: {@code POST /v1/webhooks {url, types, secret, after}} starts delivering every event
 * (of those types) after {@code after} (default: from now); {@code GET} shows each one's
 * cursor, pending count and last error; {@code DELETE /v1/webhooks/{id}} stops it. A secret
 * left out is generated and returned once. Thread-safe.
 */
public final class WebhookResource {
  /** Longest webhook URL. UNIT: characters. */
  public static final int MAX_URL_CHARS = 2_048;
  /** Longest secret. UNIT: characters. */
  public static final int MAX_SECRET_CHARS = 256;
  /** Shortest secret a caller may choose. UNIT: characters. */
  public static final int MIN_SECRET_CHARS = 16;

  private final WebhookDispatcher webhooks;
  private final Cursors cursors;

  public WebhookResource(WebhookDispatcher webhooks, Cursors cursors) {
    this.webhooks = webhooks;
    this.cursors = cursors;
  }

  public void register(Routes routes) {
    routes.post("/v1/webhooks", Access.ADMIN, BodyPolicy.JSON, Endpoint.of(this::create));
    routes.get("/v1/webhooks", Access.ADMIN, Endpoint.of(call -> Reply.json(200,
        Map.of("webhooks", webhooks.list(call.principal().profileId()).stream().map(Views::webhook).toList()))));
    routes.get("/v1/webhooks/{id}", Access.ADMIN, Endpoint.of(call -> Reply.json(200,
        Views.webhook(webhooks.status(call.path("id"), call.principal().profileId())
            .orElseThrow(() -> ApiException.notFound("no such webhook"))))));
    routes.delete("/v1/webhooks/{id}", Access.ADMIN, Endpoint.of(call -> {
      if (!webhooks.delete(call.path("id"), call.principal().profileId())) {
        throw ApiException.notFound("no such webhook");
      }
      return Reply.noContent();
    }));
  }

  private Reply create(Call call) throws Exception {
    ObjectNode body = call.json();
    String url = checkUrl(Json.requiredString(body, "url"));
    List<String> types = types(body.get("types"));
    String secret = Json.optionalString(body, "secret");
    boolean generated = secret == null;
    if (generated) {
      secret = TokenFile.newToken();
    } else if (secret.length() < MIN_SECRET_CHARS || secret.length() > MAX_SECRET_CHARS) {
      throw ApiException.badRequest("'secret' must be " + MIN_SECRET_CHARS + "-"
          + MAX_SECRET_CHARS + " characters");
    }
    JsonNode afterNode = body.get("after");
    Optional<String> after = afterNode == null || afterNode.isNull()
        ? Optional.of(Cursors.LATEST) : Optional.of(afterNode.asText());
    String profile = call.principal().profileId();
    long cursor = cursors.resolve(after, Optional.empty(), profile);
    WebhookRow row = webhooks.create(profile, url, types,
        secret.getBytes(StandardCharsets.UTF_8), cursor);
    Map<String, Object> view = new LinkedHashMap<>(
        Views.webhook(new WebhookStatus(row, 0)));
    if (generated) {
      view.put("secret", secret);
    }
    return Reply.json(201, view).withHeader("Location", "/v1/webhooks/" + row.id());
  }

  private static String checkUrl(String url) throws ApiException {
    if (url.length() > MAX_URL_CHARS) {
      throw ApiException.badRequest("'url' is longer than " + MAX_URL_CHARS + " characters");
    }
    try {
      URI u = new URI(url);
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || u.getHost() == null) {
        throw ApiException.badRequest("'url' must be an absolute http or https URL");
      }
      return url;
    } catch (URISyntaxException e) {
      throw ApiException.badRequest("'url' is not a valid URL");
    }
  }

  private static List<String> types(JsonNode node) throws ApiException {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isArray() || node.isEmpty()) {
      throw ApiException.badRequest("'types' must be a non-empty array of event types");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode t : node) {
      if (!t.isTextual()) {
        throw ApiException.badRequest("'types' must hold strings");
      }
      out.add(t.textValue());
    }
    EventFilter.parse(Optional.of(String.join(",", out)));
    return List.copyOf(out);
  }
}

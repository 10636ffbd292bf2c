package io.parley.bots.notifier.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The receiver's JSON answers, in the daemon API's shapes (docs/api.md section 7): a result is
 * the object itself, an error is {@code {"error":{"code":...,"message":...}}}. Stateless.
 */
final class Responses {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Responses() {}

  static void ok(HttpServerExchange ex, Map<String, Object> result) {
    send(ex, 200, result);
  }

  static void json(HttpServerExchange ex, int status, Map<String, Object> body) {
    send(ex, status, body);
  }

  static void error(HttpServerExchange ex, int status, String code, String message) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", code);
    error.put("message", message);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", error);
    send(ex, status, body);
  }

  private static void send(HttpServerExchange ex, int status, Map<String, Object> body) {
    String text;
    try {
      text = JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("maps of strings and numbers always serialise", e);
    }
    ex.setStatusCode(status);
    ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
    ex.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
    ex.getResponseSender().send(text + "\n");
  }
}

package io.parley.daemon.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.daemon.api.http.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A test client of one daemon's API over real HTTP (java.net.http). Thread-safe. */
public final class ApiClient {
  /** UNIT: seconds. */
  static final long REQUEST_TIMEOUT_SECONDS = 30;

  private final HttpClient http;
  private final String base;
  private final String token;

  ApiClient(int port, String token) {
    this(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build(), "http://127.0.0.1:" + port, token);
  }

  private ApiClient(HttpClient http, String base, String token) {
    this.http = http;
    this.base = base;
    this.token = token;
  }

  /** The same daemon with another token (null: none). */
  ApiClient withToken(String other) {
    return new ApiClient(http, base, other);
  }

  String base() {
    return base;
  }

  String token() {
    return token;
  }

  HttpClient http() {
    return http;
  }

  /** An HTTP response with its body as text. */
  record Resp(int status, String body, HttpHeaders headers) {
    JsonNode json() {
      try {
        return Json.MAPPER.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }

    String errorCode() {
      return json().path("error").path("code").asText();
    }
  }

  HttpRequest.Builder request(String path) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
        .timeout(Duration.ofSeconds(REQUEST_TIMEOUT_SECONDS));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return b;
  }

  Resp send(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
    return new Resp(r.statusCode(), r.body(), r.headers());
  }

  Resp get(String path) throws IOException, InterruptedException {
    return send(request(path).GET().build());
  }

  Resp delete(String path) throws IOException, InterruptedException {
    return send(request(path).DELETE().build());
  }

  Resp post(String path, Object json) throws IOException, InterruptedException {
    return send(withJson(request(path), "POST", json).build());
  }

  Resp put(String path, Object json) throws IOException, InterruptedException {
    return send(withJson(request(path), "PUT", json).build());
  }

  Resp patch(String path, Object json) throws IOException, InterruptedException {
    return send(withJson(request(path), "PATCH", json).build());
  }

  Resp postText(String path, String text) throws IOException, InterruptedException {
    return send(request(path).header("Content-Type", "text/plain; charset=utf-8")
        .POST(HttpRequest.BodyPublishers.ofString(text)).build());
  }

  /** POST with no body at all. */
  Resp postEmpty(String path) throws IOException, InterruptedException {
    return send(request(path).POST(HttpRequest.BodyPublishers.noBody()).build());
  }

  private static HttpRequest.Builder withJson(HttpRequest.Builder b, String method,
      Object json) {
    String body = json instanceof String s ? s : Json.string(json == null ? Map.of() : json);
    return b.header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(body));
  }
}

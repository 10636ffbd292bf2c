package io.parley.sdk.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import io.parley.sdk.error.DaemonUnreachableException;
import io.parley.sdk.error.ParleyException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The HTTP plumbing of the client: builds authenticated requests, sends JSON or text bodies,
 * reads bounded responses and turns refusals into typed exceptions. Thread-safe. Not part of
 * the SDK's API.
 */
public final class HttpApi {
  /** Largest response body read. UNIT: bytes. */
  public static final long MAX_RESPONSE_BYTES = 16L * 1024 * 1024;
  /** Sent with every request, so the daemon's logs can tell SDK traffic apart. */
  public static final String USER_AGENT = "parley-sdk-java/1";
  private static final String JSON = "application/json";
  private static final String TEXT = "text/plain; charset=utf-8";

  private final Endpoint config;
  private final HttpClient http;

  public HttpApi(Endpoint config) {
    this.config = config;
    this.http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(config.connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  /** Where and how requests are made. */
  public Endpoint config() {
    return config;
  }

  /** The underlying client, for WebSockets. */
  public HttpClient client() {
    return http;
  }

  /** The absolute URI of an API path with its query ({@code /v1/...?a=b}). */
  public URI uri(String pathAndQuery) {
    return URI.create(config.api().toString() + pathAndQuery);
  }

  /** A request body: none, a JSON value or UTF-8 text. */
  public record Body(String contentType, byte[] bytes) {
    /** No body. */
    public static final Body NONE = new Body(null, new byte[0]);

    /** {@code value} serialized as JSON. */
    public static Body json(Object value) {
      try {
        return new Body(JSON, Json.MAPPER.writeValueAsBytes(value));
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException("the request value is not serializable", e);
      }
    }

    /** {@code text} as a UTF-8 {@code text/plain} body. */
    public static Body text(String text) {
      return new Body(TEXT, text.getBytes(StandardCharsets.UTF_8));
    }
  }

  /**
   * Sends a call and reads its JSON answer as {@code type} ({@code null} type: no body wanted).
   *
   * @throws ParleyException typed by status when refused, {@link DaemonUnreachableException}
   *     without an answer
   */
  public <T> T call(String method, String pathAndQuery, Body body, Map<String, String> headers,
      JavaType type) {
    HttpRequest request = request(method, pathAndQuery, body, headers,
        config.requestTimeout());
    HttpResponse<byte[]> response;
    try {
      response = http.send(request, BoundedBody.handler(MAX_RESPONSE_BYTES));
    } catch (IOException e) {
      throw failure(method, pathAndQuery, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DaemonUnreachableException("interrupted while calling the daemon", e);
    }
    return read(response, type);
  }

  /** {@link #call} with a JSON answer of class {@code type}. */
  public <T> T call(String method, String pathAndQuery, Body body, Class<T> type) {
    return call(method, pathAndQuery, body, Map.of(),
        type == null || type == Void.class ? null : Json.MAPPER.constructType(type));
  }

  /**
   * Sends a call that may take up to {@code extraWait} longer than usual (a long-poll) without
   * blocking; cancelling the returned future abandons the exchange.
   */
  public <T> CompletableFuture<T> callAsync(String method, String pathAndQuery,
      Duration extraWait, JavaType type) {
    HttpRequest request = request(method, pathAndQuery, Body.NONE, Map.of(),
        config.requestTimeout().plus(extraWait));
    CompletableFuture<HttpResponse<byte[]>> exchange =
        http.sendAsync(request, BoundedBody.handler(MAX_RESPONSE_BYTES));
    CompletableFuture<T> result = exchange.handle((response, failure) -> {
      if (failure != null) {
        Throwable t = failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause() : failure;
        if (t instanceof CancellationException c) {
          throw c;
        }
        throw failure(method, pathAndQuery, t);
      }
      return read(response, type);
    });
    // Cancelling the answer abandons the exchange too, rather than leaving it to time out.
    result.whenComplete((v, t) -> {
      if (result.isCancelled()) {
        exchange.cancel(true);
      }
    });
    return result;
  }

  private HttpRequest request(String method, String pathAndQuery, Body body,
      Map<String, String> headers, Duration timeout) {
    HttpRequest.BodyPublisher publisher = body.contentType() == null
        ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofByteArray(body.bytes());
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(pathAndQuery))
        .timeout(timeout)
        .header("Authorization", "Bearer " + config.token())
        .header("Accept", JSON)
        .header("User-Agent", USER_AGENT)
        .method(method, publisher);
    if (body.contentType() != null) {
      b.header("Content-Type", body.contentType());
    }
    headers.forEach(b::header);
    return b.build();
  }

  private static <T> T read(HttpResponse<byte[]> response, JavaType type) {
    int status = response.statusCode();
    byte[] body = response.body();
    if (status < 200 || status > 299) {
      throw Errors.fromResponse(status, body, response.headers().firstValue("Retry-After"));
    }
    if (type == null) {
      return null;
    }
    try {
      T value = Json.MAPPER.readValue(body, type);
      if (value == null) {
        throw Errors.badResponse(status, type.getRawClass().getSimpleName(), null);
      }
      return value;
    } catch (IOException | RuntimeException e) {
      if (e instanceof ParleyException p) {
        throw p;
      }
      throw Errors.badResponse(status, type.getRawClass().getSimpleName(), e);
    }
  }

  private static ParleyException failure(String method, String path, Throwable cause) {
    if (cause instanceof BoundedBody.TooLargeException) {
      return new ParleyException(ParleyException.NO_STATUS, ParleyException.BAD_RESPONSE,
          "the daemon's answer to " + method + " " + pathOnly(path) + " was too large: "
              + cause.getMessage(), cause);
    }
    return new DaemonUnreachableException("no answer from the daemon to " + method + " "
        + pathOnly(path) + ": " + cause.getClass().getSimpleName(), cause);
  }

  /** The path without its query: queries can name consumers or cursors, never secrets. */
  private static String pathOnly(String pathAndQuery) {
    int q = pathAndQuery.indexOf('?');
    return q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
  }
}

package io.parley.daemon.api.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A complete response: status, media type, body and extra headers. Immutable.
 *
 * @param contentType null when there is no body
 * @param body never null; empty for no body
 */
public record Reply(int status, String contentType, byte[] body, Map<String, String> headers) {
  public static final String JSON = "application/json";
  public static final String TEXT = "text/plain; charset=utf-8";

  public Reply {
    headers = Map.copyOf(headers);
  }

  /** A JSON body serialized from {@code value}. */
  public static Reply json(int status, Object value) {
    return new Reply(status, JSON, Json.bytes(value), Map.of());
  }

  /** A JSON body already serialized. */
  public static Reply rawJson(int status, String json) {
    return new Reply(status, JSON, json.getBytes(StandardCharsets.UTF_8), Map.of());
  }

  public static Reply bytes(int status, String contentType, byte[] body) {
    return new Reply(status, contentType, body, Map.of());
  }

  public static Reply text(int status, String contentType, String body) {
    return new Reply(status, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of());
  }

  /** 204 without a body. */
  public static Reply noContent() {
    return new Reply(204, null, new byte[0], Map.of());
  }

  /** The error envelope for {@code e}. */
  public static Reply error(ApiException e) {
    return new Reply(e.status(), JSON, Json.error(e), Map.of());
  }

  /** This reply with one more header. */
  public Reply withHeader(String name, String value) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put(name, value);
    return new Reply(status, contentType, body, h);
  }
}

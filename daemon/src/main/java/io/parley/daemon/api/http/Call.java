package io.parley.daemon.api.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.daemon.api.security.Principal;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.PathTemplateMatch;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;

/**
 * One routed request as an endpoint sees it: path and query parameters, headers, the body
 * (already read within the size limit) and the caller's principal. Not thread-safe; valid
 * until the reply is sent.
 */
public final class Call {
  private final HttpServerExchange exchange;
  private final byte[] body;
  private final MediaTypes.Kind bodyKind;
  private final Principal principal;

  Call(HttpServerExchange exchange, byte[] body, MediaTypes.Kind bodyKind, Principal principal) {
    this.exchange = exchange;
    this.body = body;
    this.bodyKind = bodyKind;
    this.principal = principal;
  }

  /** A path template parameter, such as {@code id} of {@code /v1/connections/{id}}. */
  public String path(String name) {
    PathTemplateMatch m = exchange.getAttachment(PathTemplateMatch.ATTACHMENT_KEY);
    String v = m == null ? null : m.getParameters().get(name);
    return v == null ? "" : v;
  }

  /** A query parameter's first value, if given. */
  public Optional<String> query(String name) {
    Map<String, Deque<String>> q = exchange.getQueryParameters();
    Deque<String> values = q.get(name);
    return values == null || values.isEmpty() ? Optional.empty()
        : Optional.ofNullable(values.peekFirst());
  }

  /**
   * An integer query parameter within [min, max], {@code fallback} when absent.
   *
   * @throws ApiException 400 if it is not an integer in range
   */
  public long queryLong(String name, long fallback, long min, long max) throws ApiException {
    Optional<String> v = query(name);
    if (v.isEmpty()) {
      return fallback;
    }
    try {
      long n = Long.parseLong(v.get());
      if (n < min || n > max) {
        throw ApiException.badRequest("'" + name + "' must be between " + min + " and " + max);
      }
      return n;
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("'" + name + "' must be an integer");
    }
  }

  /** A request header's first value, or null. */
  public String header(String name) {
    return exchange.getRequestHeaders().getFirst(name);
  }

  /** Whether the body is JSON (false: text, or no body). */
  public boolean hasJsonBody() {
    return bodyKind == MediaTypes.Kind.JSON && body.length > 0;
  }

  /** Whether the body is {@code text/plain}. */
  public boolean hasTextBody() {
    return bodyKind == MediaTypes.Kind.TEXT;
  }

  /** The body as one JSON object; an absent optional body is an empty object. */
  public ObjectNode json() throws ApiException {
    if (body.length == 0) {
      return Json.MAPPER.createObjectNode();
    }
    return Json.object(body);
  }

  /**
   * The body as UTF-8 text.
   *
   * @throws ApiException 400 if it is not valid UTF-8
   */
  public String text() throws ApiException {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body)).toString();
    } catch (CharacterCodingException e) {
      throw ApiException.badRequest("the body is not valid UTF-8");
    }
  }

  public Principal principal() {
    return principal;
  }

  /** The underlying exchange, for endpoints that watch the connection (long-poll). */
  public HttpServerExchange exchange() {
    return exchange;
  }
}

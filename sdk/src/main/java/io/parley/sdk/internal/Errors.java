package io.parley.sdk.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.sdk.error.BadRequestException;
import io.parley.sdk.error.ConflictException;
import io.parley.sdk.error.CursorExpiredException;
import io.parley.sdk.error.ForbiddenException;
import io.parley.sdk.error.NotFoundException;
import io.parley.sdk.error.ParleyException;
import io.parley.sdk.error.PayloadTooLargeException;
import io.parley.sdk.error.RateLimitedException;
import io.parley.sdk.error.ServiceUnavailableException;
import io.parley.sdk.error.UnauthorizedException;
import io.parley.sdk.error.UnsupportedMediaTypeException;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * Turns a refused call's status and error envelope {@code {"error": {"code", "message"}}} into
 * the typed exception for its status. A body that is not an envelope (a proxy's HTML page) still
 * gives the right type, with a generic code. Stateless. Not part of the SDK's API.
 */
public final class Errors {
  /** Longest part of the daemon's message kept. UNIT: characters. */
  static final int MAX_MESSAGE_CHARS = 500;
  /** Longest error body parsed. UNIT: bytes. */
  static final int MAX_ERROR_BODY_BYTES = 64 * 1024;

  private Errors() {}

  /**
   * The exception for a non-2xx answer.
   *
   * @param retryAfter the {@code Retry-After} header, if any
   */
  public static ParleyException fromResponse(int status, byte[] body,
      Optional<String> retryAfter) {
    JsonNode error = envelope(body);
    String code = text(error, "code", defaultCode(status));
    String message = "the daemon answered " + status + ": "
        + text(error, "message", "no error message");
    return switch (status) {
      case BadRequestException.STATUS -> new BadRequestException(code, message);
      case UnauthorizedException.STATUS -> new UnauthorizedException(code, message);
      case ForbiddenException.STATUS -> new ForbiddenException(code, message);
      case NotFoundException.STATUS -> new NotFoundException(code, message);
      case ConflictException.STATUS -> new ConflictException(code, message);
      case CursorExpiredException.STATUS -> new CursorExpiredException(code, message,
          error != null && error.path("oldestSeq").canConvertToLong()
              ? error.path("oldestSeq").longValue() : -1);
      case PayloadTooLargeException.STATUS -> new PayloadTooLargeException(code, message);
      case UnsupportedMediaTypeException.STATUS -> new UnsupportedMediaTypeException(code, message);
      case RateLimitedException.STATUS -> new RateLimitedException(code, message,
          retryAfter.flatMap(Errors::seconds).orElse(null));
      case ServiceUnavailableException.STATUS -> new ServiceUnavailableException(code, message);
      default -> new ParleyException(status, code, message);
    };
  }

  /** The exception for a 2xx answer whose body could not be read as the expected shape. */
  public static ParleyException badResponse(int status, String what, Throwable cause) {
    return new ParleyException(status, ParleyException.BAD_RESPONSE,
        "the daemon's answer could not be read as " + what, cause);
  }

  private static JsonNode envelope(byte[] body) {
    if (body == null || body.length == 0 || body.length > MAX_ERROR_BODY_BYTES) {
      return null;
    }
    try {
      JsonNode error = Json.MAPPER.readTree(body).get("error");
      return error != null && error.isObject() ? error : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static String text(JsonNode error, String field, String fallback) {
    JsonNode n = error == null ? null : error.get(field);
    if (n == null || !n.isTextual() || n.textValue().isBlank()) {
      return fallback;
    }
    String s = n.textValue();
    return s.length() > MAX_MESSAGE_CHARS ? s.substring(0, MAX_MESSAGE_CHARS) + "..." : s;
  }

  private static String defaultCode(int status) {
    return switch (status) {
      case 400 -> "bad_request";
      case 401 -> "unauthorized";
      case 403 -> "forbidden";
      case 404 -> "not_found";
      case 409 -> "conflict";
      case 410 -> "cursor_expired";
      case 413 -> "too_large";
      case 415 -> "unsupported_media_type";
      case 429 -> "too_many_requests";
      case 503 -> "unavailable";
      default -> "http_" + status;
    };
  }

  private static Optional<Duration> seconds(String header) {
    try {
      long s = Long.parseLong(header.trim());
      return s < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(s));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}

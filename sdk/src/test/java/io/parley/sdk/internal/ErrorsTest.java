package io.parley.sdk.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each refused status maps to its own exception type, whatever the body looks like. */
class ErrorsTest {
  private static byte[] envelope(String code, String message) {
    return ("{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static ParleyException map(int status, String code) {
    return Errors.fromResponse(status, envelope(code, "why"), Optional.empty());
  }

  @Test
  void everyDocumentedStatusHasItsOwnExceptionTypeCarryingTheCode() {
    Map<Integer, Class<? extends ParleyException>> expected = Map.of(
        400, BadRequestException.class,
        401, UnauthorizedException.class,
        403, ForbiddenException.class,
        404, NotFoundException.class,
        409, ConflictException.class,
        410, CursorExpiredException.class,
        413, PayloadTooLargeException.class,
        415, UnsupportedMediaTypeException.class,
        429, RateLimitedException.class,
        503, ServiceUnavailableException.class);
    expected.forEach((status, type) -> {
      ParleyException e = map(status, "code_" + status);
      assertInstanceOf(type, e, "status " + status);
      assertEquals(status, e.status());
      assertEquals("code_" + status, e.code());
      assertTrue(e.getMessage().contains("why"));
    });
  }

  @Test
  void otherStatusesAreThePlainBaseTypeWithTheirCode() {
    ParleyException e = map(421, "misdirected_request");
    assertEquals(ParleyException.class, e.getClass());
    assertEquals(421, e.status());
    assertEquals("misdirected_request", e.code());
  }

  @Test
  void onlyBusyAndUnavailableAnswersAreRetryable() {
    assertTrue(map(503, "store_unavailable").isRetryable());
    assertTrue(map(429, "too_many_requests").isRetryable());
    assertFalse(map(404, "not_found").isRetryable());
    assertFalse(map(500, "internal").isRetryable());
  }

  @Test
  void aCursorExpiredErrorCarriesTheOldestKeptSeq() {
    byte[] body = "{\"error\":{\"code\":\"cursor_expired\",\"message\":\"m\",\"oldestSeq\":42}}"
        .getBytes(StandardCharsets.UTF_8);
    CursorExpiredException e = (CursorExpiredException) Errors.fromResponse(410, body,
        Optional.empty());
    assertEquals(42, e.oldestSeq().orElseThrow());
  }

  @Test
  void aRateLimitCarriesRetryAfterWhenTheDaemonSaysIt() {
    RateLimitedException e = (RateLimitedException) Errors.fromResponse(429,
        envelope("too_many_requests", "m"), Optional.of("7"));
    assertEquals(Duration.ofSeconds(7), e.retryAfter().orElseThrow());
    RateLimitedException garbled = (RateLimitedException) Errors.fromResponse(429,
        envelope("too_many_requests", "m"), Optional.of("soon"));
    assertTrue(garbled.retryAfter().isEmpty());
  }

  @Test
  void aBodyThatIsNotAnEnvelopeStillGivesTheTypedExceptionWithAGenericCode() {
    for (String body : new String[] {"<html>bad gateway</html>", "", "{\"error\":5}", "[1,2",
        "{\"error\":{\"code\":7,\"message\":[]}}"}) {
      ParleyException e = Errors.fromResponse(404, body.getBytes(StandardCharsets.UTF_8),
          Optional.empty());
      assertInstanceOf(NotFoundException.class, e, body);
      assertEquals("not_found", e.code());
    }
    assertEquals("http_502", Errors.fromResponse(502, null, Optional.empty()).code());
  }

  @Test
  void aVeryLongDaemonMessageIsCut() {
    ParleyException longOne = Errors.fromResponse(400,
        envelope("bad_request", "y".repeat(5_000)), Optional.empty());
    assertTrue(longOne.getMessage().length() <= Errors.MAX_MESSAGE_CHARS + 40,
        "length " + longOne.getMessage().length());
  }
}

package io.parley.daemon.api.http;

import java.util.Map;

/**
 * A request the API refuses or cannot serve, with the HTTP status and the stable error code of
 * the envelope {@code {"error": {"code", "message"}}} (docs/api.md, "Errors"). The message is
 * for people; clients branch on the code. Messages never carry a token, link or message text.
 */
public final class ApiException extends Exception {
  /** Status 400. */
  public static final String BAD_REQUEST = "bad_request";
  /** Status 400: the link does not parse or is of the wrong kind. */
  public static final String BAD_LINK = "bad_link";
  /** Status 401. */
  public static final String UNAUTHORIZED = "unauthorized";
  /** Status 403: the token's scope does not allow this request. */
  public static final String FORBIDDEN = "forbidden";
  /** Status 403: a cross-origin request. */
  public static final String FOREIGN_ORIGIN = "foreign_origin";
  /** Status 404. */
  public static final String NOT_FOUND = "not_found";
  /** Status 405. */
  public static final String METHOD_NOT_ALLOWED = "method_not_allowed";
  /** Status 408: the body did not arrive in time; the connection is closed. */
  public static final String REQUEST_TIMEOUT = "request_timeout";
  /** Status 409: the connection's handshake has not completed. */
  public static final String NOT_ESTABLISHED = "not_established";
  /** Status 409: the invitation was already used. */
  public static final String LINK_ALREADY_USED = "link_already_used";
  /** Status 409: there is already a contact address. */
  public static final String ADDRESS_EXISTS = "address_exists";
  /** Status 409: the relay is the last one. */
  public static final String RELAY_IN_USE = "relay_in_use";
  /** Status 409: the contact address's queue is on the relay; make a new address first. */
  public static final String ADDRESS_ON_RELAY = "address_on_relay";
  /** A rotation of the connection's queues is in progress already (409). */
  public static final String ROTATION_IN_PROGRESS = "rotation_in_progress";
  /** The relay named in the request body is not configured (422). */
  public static final String UNKNOWN_RELAY = "unknown_relay";
  /** Status 409: the name or id is taken. */
  public static final String CONFLICT = "conflict";
  /** 422: a profile's command list breaks a rule (count, name, description, repeats). */
  public static final String INVALID_COMMANDS = "invalid_commands";
  /** 422: a profile's name, description and commands together exceed the handshake limit. */
  public static final String PROFILE_TOO_LARGE = "profile_too_large";
  /** 422: an Idempotency-Key already used on the connection came with another body. */
  public static final String IDEMPOTENCY_KEY_REUSED = "idempotency_key_reused";
  /** Status 410: events after the cursor were deleted by retention. */
  public static final String CURSOR_EXPIRED = "cursor_expired";
  /** Status 413. */
  public static final String TOO_LARGE = "too_large";
  /** Status 415. */
  public static final String UNSUPPORTED_MEDIA_TYPE = "unsupported_media_type";
  /** Status 421: the Host header names neither a loopback name nor the bind address. */
  public static final String MISDIRECTED = "misdirected_request";
  /** Status 429. */
  public static final String TOO_MANY_REQUESTS = "too_many_requests";
  /** Status 502: a relay's identity did not match its address. */
  public static final String RELAY_IDENTITY = "relay_identity";
  /** Status 503: the store cannot persist or read; nothing was done. */
  public static final String STORE_UNAVAILABLE = "store_unavailable";
  /** Status 503: a relay could not be reached; the request may be retried. */
  public static final String RELAY_UNAVAILABLE = "relay_unavailable";
  /** Status 503: the daemon is shutting down. */
  public static final String SHUTTING_DOWN = "shutting_down";
  /** Status 503: every connection slot is serving a request; retry shortly. */
  public static final String TOO_MANY_CONNECTIONS = "too_many_connections";
  /** Status 403: a console session's state-changing request without its CSRF token. */
  public static final String CSRF_REQUIRED = "csrf_required";
  /** Status 500: a bug; the log has the details. */
  public static final String INTERNAL = "internal";

  private final int status;
  private final String code;
  private final Map<String, Object> details;

  public ApiException(int status, String code, String message) {
    this(status, code, message, Map.of());
  }

  /** With extra fields for the error object (for example {@code oldestSeq} on a 410). */
  public ApiException(int status, String code, String message, Map<String, Object> details) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = Map.copyOf(details);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  /** Extra fields of the error object besides code and message. */
  public Map<String, Object> details() {
    return details;
  }

  public static ApiException badRequest(String message) {
    return new ApiException(400, BAD_REQUEST, message);
  }

  public static ApiException notFound(String message) {
    return new ApiException(404, NOT_FOUND, message);
  }

  public static ApiException conflict(String code, String message) {
    return new ApiException(409, code, message);
  }

  public static ApiException storeUnavailable(String message) {
    return new ApiException(503, STORE_UNAVAILABLE, message);
  }
}

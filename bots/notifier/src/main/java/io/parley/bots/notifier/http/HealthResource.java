package io.parley.bots.notifier.http;

import io.undertow.server.HttpServerExchange;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /v1/health} and {@code GET /v1/ready}, in the daemon's shapes (docs/api.md
 * section 7): health is 200 {@code {"status":"ok"}} while the bot's database can be read, else
 * 503 {@code {"status":"unavailable","reason"}}; ready is 200 {@code {"status":"ready"}} when
 * the database works and the daemon answers with a working store, else 503
 * {@code {"status":"not_ready","reason"}}. No token: the reasons are fixed words. Thread-safe.
 */
final class HealthResource {
  /** A reason of {@code /v1/ready}: the daemon is down, unreachable or its store fails. */
  static final String DAEMON_UNAVAILABLE = "daemon unavailable";

  private final HealthChecks checks;

  HealthResource(HealthChecks checks) {
    this.checks = checks;
  }

  void health(HttpServerExchange ex) {
    Optional<String> problem = checks.storeProblem();
    if (problem.isEmpty()) {
      Responses.json(ex, 200, Map.of("status", "ok"));
    } else {
      Responses.json(ex, 503, status("unavailable", problem.get()));
    }
  }

  void ready(HttpServerExchange ex) {
    Optional<String> problem = checks.storeProblem();
    if (problem.isPresent()) {
      Responses.json(ex, 503, status("not_ready", problem.get()));
    } else if (!checks.daemonReady()) {
      Responses.json(ex, 503, status("not_ready", DAEMON_UNAVAILABLE));
    } else {
      Responses.json(ex, 200, Map.of("status", "ready"));
    }
  }

  private static Map<String, Object> status(String status, String reason) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", status);
    body.put("reason", reason);
    return body;
  }
}

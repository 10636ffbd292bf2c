package io.parley.daemon.api.resources;

import io.parley.daemon.api.http.ApiException;
import io.parley.daemon.api.http.Call;
import io.parley.daemon.api.http.Reply;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The web console's files (HTML, CSS, JavaScript modules), read once from the daemon's own
 * resources and served with the console's security headers: the page may load and connect
 * only to this daemon, never be framed, and sends no referrer. Immutable; thread-safe.
 */
final class ConsoleFiles {
  /** Where the files live among the daemon's resources. */
  static final String RESOURCE_DIR = "/io/parley/daemon/console/";
  /** Served at {@code /console/assets/<name>}, except index.html at {@code /}. */
  static final Map<String, String> FILES = Map.of(
      "index.html", "text/html; charset=utf-8",
      "style.css", "text/css; charset=utf-8",
      "app.js", "text/javascript; charset=utf-8",
      "api.js", "text/javascript; charset=utf-8",
      "screens.js", "text/javascript; charset=utf-8",
      "chat.js", "text/javascript; charset=utf-8");

  private final Map<String, byte[]> bodies;

  private ConsoleFiles(Map<String, byte[]> bodies) {
    this.bodies = bodies;
  }

  static ConsoleFiles load() {
    Map<String, byte[]> bodies = new LinkedHashMap<>();
    for (String name : FILES.keySet()) {
      try (InputStream in = ConsoleFiles.class.getResourceAsStream(RESOURCE_DIR + name)) {
        if (in == null) {
          throw new IllegalStateException("the console file " + name + " is not packaged");
        }
        bodies.put(name, in.readAllBytes());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new ConsoleFiles(Map.copyOf(bodies));
  }

  Reply file(Call call, String name) throws ApiException {
    byte[] body = bodies.get(name);
    if (body == null) {
      throw ApiException.notFound("no such console file");
    }
    return secured(call, Reply.bytes(200, FILES.get(name), body))
        .withHeader("Cache-Control", "no-cache");
  }

  /**
   * {@code reply} with the console's headers. The WebSocket source names the Host the page was
   * loaded from (already checked against the allowed hosts), since not every browser counts
   * ws: of the same host as 'self'.
   */
  static Reply secured(Call call, Reply reply) {
    String host = call.header("Host");
    return reply
        .withHeader("Content-Security-Policy", "default-src 'self'; script-src 'self'; "
            + "style-src 'self'; img-src 'self' data: blob:; connect-src 'self' ws://" + host
            + "; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'")
        .withHeader("X-Frame-Options", "DENY")
        .withHeader("Referrer-Policy", "no-referrer")
        .withHeader("X-Content-Type-Options", "nosniff")
        .withHeader("Cross-Origin-Opener-Policy", "same-origin");
  }
}

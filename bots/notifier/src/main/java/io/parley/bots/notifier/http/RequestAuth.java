package io.parley.bots.notifier.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Deque;
import java.util.Locale;

/**
 * Checks the notify token in the three places alert sources can put it: {@code Authorization:
 * Bearer TOKEN}, {@code Authorization: Basic} with the token as the password (any user name),
 * and {@code ?token=TOKEN}. Stateless.
 */
final class RequestAuth {
  /** The query parameter carrying the token for senders that cannot set headers. */
  static final String TOKEN_PARAM = "token";

  private RequestAuth() {}

  static boolean authorised(HttpServerExchange ex, NotifyToken token) {
    String header = ex.getRequestHeaders().getFirst(Headers.AUTHORIZATION);
    if (header != null) {
      String h = header.strip();
      String scheme = h.split(" ", 2)[0].toLowerCase(Locale.ROOT);
      String rest = h.length() > scheme.length() ? h.substring(scheme.length()).strip() : "";
      if (scheme.equals("bearer") && token.matches(rest)) {
        return true;
      }
      if (scheme.equals("basic") && token.matches(basicPassword(rest))) {
        return true;
      }
    }
    Deque<String> q = ex.getQueryParameters().get(TOKEN_PARAM);
    return q != null && !q.isEmpty() && token.matches(q.getFirst());
  }

  private static String basicPassword(String encoded) {
    try {
      String userPass = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
      int colon = userPass.indexOf(':');
      return colon < 0 ? null : userPass.substring(colon + 1);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}

package io.parley.sdk;

import io.parley.sdk.internal.ApiPaths;
import io.parley.sdk.internal.HttpApi;
import io.parley.sdk.internal.HttpApi.Body;
import io.parley.sdk.model.ApiToken;
import io.parley.sdk.model.TokenScope;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Scoped API tokens, from {@link ParleyClient#tokens()}: give an alert source a {@code send}
 * token instead of the root one. Admin token only. Thread-safe.
 */
public final class Tokens {
  private final HttpApi http;

  Tokens(HttpApi http) {
    this.http = http;
  }

  /**
   * Creates a token; {@link ApiToken#token()} of the answer is the only time it is shown.
   *
   * @param name a label for people, or null
   */
  public ApiToken create(TokenScope scope, String name) {
    Objects.requireNonNull(scope, "scope");
    if (scope == TokenScope.UNKNOWN) {
      throw new IllegalArgumentException("choose ADMIN or SEND");
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("scope", scope.label());
    if (name != null) {
      body.put("name", name);
    }
    return http.call("POST", "/v1/tokens", Body.json(body), ApiToken.class);
  }

  /** Every scoped token, without the tokens themselves. */
  public List<ApiToken> list() {
    return http.call("GET", "/v1/tokens", Body.NONE, TokenList.class).tokens();
  }

  /** Revokes a token at once. */
  public void delete(String id) {
    http.call("DELETE", "/v1/tokens/" + ApiPaths.segment(id), Body.NONE, Void.class);
  }

  /** The list answer. */
  private record TokenList(List<ApiToken> tokens) {
    TokenList {
      tokens = tokens == null ? List.of() : List.copyOf(tokens);
    }
  }
}

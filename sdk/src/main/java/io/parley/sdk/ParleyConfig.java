package io.parley.sdk;

import io.parley.sdk.error.ParleyConfigException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Where the daemon's API is and how to authenticate to it. Values given to the {@link Builder}
 * win over the environment: {@value #ENV_API} (base URL, default {@link #DEFAULT_API}),
 * {@value #ENV_TOKEN_FILE} (a file holding the token, such as the daemon's
 * {@code <data>/api.token}) or {@value #ENV_TOKEN} (the token itself). Immutable;
 * {@link #toString()} leaves the token out.
 */
public final class ParleyConfig {
  /** Environment variable holding the API base URL. */
  public static final String ENV_API = "PARLEY_API";
  /** Environment variable naming a file that holds the token. */
  public static final String ENV_TOKEN_FILE = "PARLEY_TOKEN_FILE";
  /** Environment variable holding the token itself. */
  public static final String ENV_TOKEN = "PARLEY_TOKEN";
  /** The daemon's default API address. */
  public static final URI DEFAULT_API = URI.create("http://127.0.0.1:7780");
  /** Longest wait for a TCP connection to the daemon. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
  /** Longest wait for an answer to an ordinary call (long-polls add their wait). */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
  /** Largest token file read. UNIT: bytes. */
  static final long MAX_TOKEN_FILE_BYTES = 4_096;

  private final URI api;
  private final String token;
  private final Duration connectTimeout;
  private final Duration requestTimeout;
  private final Path tokenFile;

  private ParleyConfig(URI api, String token, Duration connectTimeout, Duration requestTimeout,
      Path tokenFile) {
    this.api = api;
    this.token = token;
    this.connectTimeout = connectTimeout;
    this.requestTimeout = requestTimeout;
    this.tokenFile = tokenFile;
  }

  /** The file the token was read from, if it came from one. */
  public java.util.Optional<Path> tokenFile() {
    return java.util.Optional.ofNullable(tokenFile);
  }

  /** The same settings with another token (not read from any file). */
  public ParleyConfig withToken(String otherToken) {
    return new ParleyConfig(api, Builder.checkToken(Objects.requireNonNull(otherToken,
        "token").strip(), "the token given"), connectTimeout, requestTimeout, null);
  }

  /** A builder that falls back to the process environment. */
  public static Builder builder() {
    return new Builder(System.getenv());
  }

  /** A builder that falls back to {@code env} instead of the process environment. */
  public static Builder builder(Map<String, String> env) {
    return new Builder(env);
  }

  /**
   * Everything from the process environment.
   *
   * @throws ParleyConfigException if no token is configured or the values are malformed
   */
  public static ParleyConfig fromEnvironment() {
    return builder().build();
  }

  /** The API base URL, such as {@code http://127.0.0.1:7780} (no trailing slash). */
  public URI api() {
    return api;
  }

  /** The bearer token. Keep it out of logs. */
  public String token() {
    return token;
  }

  /** Longest wait for a TCP connection. */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** Longest wait for an answer to an ordinary call. */
  public Duration requestTimeout() {
    return requestTimeout;
  }

  @Override
  public String toString() {
    return "ParleyConfig[api=" + api + "]";
  }

  /**
   * Collects the settings; unset ones come from the environment map given at creation. Not
   * thread-safe.
   */
  public static final class Builder {
    private final Map<String, String> env;
    private String api;
    private String token;
    private Path tokenFile;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;

    private Builder(Map<String, String> env) {
      this.env = Map.copyOf(env);
    }

    /** The API base URL ({@code http://host:port}); null falls back to {@value #ENV_API}. */
    public Builder api(String url) {
      this.api = url;
      return this;
    }

    /** The token itself; wins over every token file. */
    public Builder token(String token) {
      this.token = token;
      return this;
    }

    /** A file holding the token (surrounding white space is ignored). */
    public Builder tokenFile(Path file) {
      this.tokenFile = file;
      return this;
    }

    /** Longest wait for a TCP connection. */
    public Builder connectTimeout(Duration d) {
      this.connectTimeout = positive(d, "connectTimeout");
      return this;
    }

    /** Longest wait for an answer to an ordinary call. */
    public Builder requestTimeout(Duration d) {
      this.requestTimeout = positive(d, "requestTimeout");
      return this;
    }

    /**
     * Resolves every setting: explicit values, then the environment, then defaults.
     *
     * @throws ParleyConfigException if there is no token, the token file cannot be read, or
     *     the URL is not an absolute http(s) URL
     */
    public ParleyConfig build() {
      URI uri = parseApi(firstNonBlank(api, env.get(ENV_API), DEFAULT_API.toString()));
      String t = resolveToken();
      return new ParleyConfig(uri, t, connectTimeout, requestTimeout, tokenSource());
    }

    /** The file {@link #resolveToken} reads, if the token comes from one. */
    private Path tokenSource() {
      if (!isBlank(token)) {
        return null;
      }
      if (tokenFile != null) {
        return tokenFile;
      }
      if (!isBlank(env.get(ENV_TOKEN))) {
        return null;
      }
      String envFile = env.get(ENV_TOKEN_FILE);
      return isBlank(envFile) ? null : Path.of(envFile.strip());
    }

    private String resolveToken() {
      if (!isBlank(token)) {
        return checkToken(token.strip(), "the token given");
      }
      if (tokenFile != null) {
        return readToken(tokenFile);
      }
      String envToken = env.get(ENV_TOKEN);
      if (!isBlank(envToken)) {
        return checkToken(envToken.strip(), ENV_TOKEN);
      }
      String envFile = env.get(ENV_TOKEN_FILE);
      if (!isBlank(envFile)) {
        return readToken(Path.of(envFile.strip()));
      }
      throw new ParleyConfigException("no API token: pass --token-file (the daemon writes "
          + "<data>/api.token) or set " + ENV_TOKEN_FILE + " or " + ENV_TOKEN);
    }

    private static String readToken(Path file) {
      try {
        if (Files.size(file) > MAX_TOKEN_FILE_BYTES) {
          throw new ParleyConfigException("the token file " + file + " is larger than "
              + MAX_TOKEN_FILE_BYTES + " bytes; is it the right file?");
        }
        return checkToken(Files.readString(file, StandardCharsets.UTF_8).strip(),
            "the token file " + file);
      } catch (IOException e) {
        throw new ParleyConfigException("cannot read the token file " + file + ": "
            + e.getClass().getSimpleName(), e);
      }
    }

    static String checkToken(String t, String source) {
      if (t.isEmpty() || !t.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
        throw new ParleyConfigException(source + " does not hold a token (expected one line "
            + "of visible ASCII)");
      }
      return t;
    }

    private static URI parseApi(String url) {
      String u = url.strip();
      while (u.endsWith("/")) {
        u = u.substring(0, u.length() - 1);
      }
      try {
        URI uri = new URI(u);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
            || uri.getRawQuery() != null || uri.getRawFragment() != null) {
          throw new ParleyConfigException("the API URL must look like http://127.0.0.1:7780");
        }
        return uri;
      } catch (URISyntaxException e) {
        throw new ParleyConfigException("the API URL is malformed: " + e.getReason(), e);
      }
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive");
      }
      return d;
    }

    private static String firstNonBlank(String... values) {
      for (String v : values) {
        if (!isBlank(v)) {
          return v;
        }
      }
      return null;
    }

    private static boolean isBlank(String s) {
      return s == null || s.isBlank();
    }
  }
}

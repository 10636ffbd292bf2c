package io.parley.cli;

import io.parley.sdk.ParleyConfig;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.Option;

/**
 * Where the daemon is and which token to use, in this order (docs/cli.md): {@code --api} and
 * {@code --token-file} on the command line; then, if {@code --data DIR} is on the command line,
 * that directory; then {@code PARLEY_API}, {@code PARLEY_TOKEN_FILE}, {@code PARLEY_TOKEN}; then
 * the data directory {@code PARLEY_DATA} or parleyd's default ({@code $XDG_DATA_HOME/parley},
 * else {@code ~/.local/share/parley}). From a data directory the token is {@code api.token} and
 * the API port is {@code api.port} of {@code parleyd.properties}, else parleyd's default.
 * A picocli mixin; not thread-safe.
 */
final class DaemonOptions {
  /** parleyd's owner token file in its data directory. */
  static final String TOKEN_FILE_NAME = "api.token";
  /** parleyd's optional settings file in its data directory. */
  static final String SETTINGS_FILE_NAME = "parleyd.properties";
  /** The settings key of the API port. */
  static final String API_PORT_KEY = "api.port";
  /** parleyd's API port when its settings name none. */
  static final int DEFAULT_API_PORT = 7780;
  /** Variable naming the data directory, as for parleyd. */
  static final String ENV_DATA = "PARLEY_DATA";
  static final String ENV_XDG_DATA_HOME = "XDG_DATA_HOME";

  @Option(names = "--data", paramLabel = "DIR",
      description = "parleyd's data directory: its api.token and API port (default"
          + " $PARLEY_DATA, else $XDG_DATA_HOME/parley or ~/.local/share/parley)")
  Path data;

  @Option(names = "--api", paramLabel = "URL",
      description = "the daemon's API (default $PARLEY_API, else from the data directory)")
  String api;

  @Option(names = "--token-file", paramLabel = "FILE",
      description = "the API token file (default $PARLEY_TOKEN_FILE, or the token in"
          + " $PARLEY_TOKEN, else DATA/api.token)")
  Path tokenFile;

  /**
   * The SDK configuration these options and {@code env} name.
   *
   * @param onCommandLine whether an option (by long name) was typed rather than taken from
   *     the environment
   * @throws CliFailure with {@link Exits#AUTH} when no token can be found
   */
  ParleyConfig resolve(Map<String, String> env, java.util.function.Predicate<String> onCommandLine,
      Path home) {
    boolean dataTyped = data != null && onCommandLine.test("--data");
    Path dir = data != null ? data : defaultDataDir(env, home);
    String url = api != null && (onCommandLine.test("--api") || !dataTyped) ? api
        : apiOf(dir);
    ParleyConfig.Builder b = ParleyConfig.builder(Map.of()).api(url);
    if (tokenFile != null && (onCommandLine.test("--token-file") || !dataTyped)) {
      return b.tokenFile(tokenFile).build();
    }
    String token = env.get(ParleyConfig.ENV_TOKEN);
    if (!dataTyped && token != null && !token.isBlank()) {
      return b.token(token).build();
    }
    Path file = dir.resolve(TOKEN_FILE_NAME);
    if (!Files.isRegularFile(file)) {
      throw new CliFailure(Exits.AUTH, "no API token: " + file + " does not exist (is the"
          + " daemon's data directory elsewhere? give --data DIR, or --token-file FILE)");
    }
    return b.tokenFile(file).build();
  }

  /** parleyd's default data directory. */
  static Path defaultDataDir(Map<String, String> env, Path home) {
    String xdg = env.get(ENV_XDG_DATA_HOME);
    if (xdg != null && !xdg.isEmpty()) {
      try {
        Path base = Path.of(xdg);
        if (base.isAbsolute()) {
          return base.resolve("parley");
        }
      } catch (InvalidPathException e) {
        // Ignored as parleyd ignores it: the fallback below applies.
      }
    }
    return home.resolve(".local").resolve("share").resolve("parley");
  }

  /** The API address of the daemon whose data directory is {@code dir}. */
  static String apiOf(Path dir) {
    int port = DEFAULT_API_PORT;
    Path settings = dir.resolve(SETTINGS_FILE_NAME);
    if (Files.isRegularFile(settings)) {
      Properties p = new Properties();
      try (Reader r = Files.newBufferedReader(settings, StandardCharsets.UTF_8)) {
        p.load(r);
      } catch (IOException | IllegalArgumentException e) {
        throw new CliFailure(Exits.USAGE, "cannot read " + settings + ": "
            + e.getClass().getSimpleName());
      }
      String value = p.getProperty(API_PORT_KEY);
      if (value != null) {
        try {
          port = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
          port = -1;
        }
        if (port < 1 || port > 65_535) {
          throw new CliFailure(Exits.USAGE, settings + ": " + API_PORT_KEY + " is not a fixed"
              + " port; give the daemon's API address with --api URL");
        }
      }
    }
    return "http://127.0.0.1:" + port;
  }
}

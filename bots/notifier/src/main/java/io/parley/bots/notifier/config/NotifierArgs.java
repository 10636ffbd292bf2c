package io.parley.bots.notifier.config;

import io.parley.bots.notifier.delivery.DeliverySettings;
import io.parley.bots.notifier.http.NotifyToken;
import io.parley.bots.notifier.http.ReceiverSettings;
import io.parley.launch.CommandLines;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the notifier's flags and environment ({@link NotifierCommand}): a flag wins over its
 * variable.
 *
 * <pre>
 *   --api URL          PARLEY_API            daemon API base URL (default http://127.0.0.1:7780)
 *   --token-file F     PARLEY_TOKEN_FILE     file holding the daemon API token
 *                      PARLEY_TOKEN          the daemon API token itself
 *   --listen HOST:PORT PARLEY_NOTIFY_LISTEN  receiver address (default 127.0.0.1:7781)
 *   --data D           PARLEY_NOTIFY_DATA    data directory (required)
 *                      PARLEY_NOTIFY_TOKEN   receiver token (default: generated D/notify.token)
 *   --rate-burst N     PARLEY_NOTIFY_RATE_BURST  messages a subscriber gets at once (10)
 *   --rate-every S     PARLEY_NOTIFY_RATE_EVERY  seconds per further message or digest (15)
 *   --unsubscribed-topics reject|accept  PARLEY_NOTIFY_UNSUBSCRIBED_TOPICS  (reject: 404)
 *   --log-format text|json, --log-level LEVEL  PARLEY_LOG_FORMAT, PARLEY_LOG_LEVEL
 * </pre>
 * Both {@code --flag value} and {@code --flag=value} work. Stateless.
 */
public final class NotifierArgs {
  private NotifierArgs() {}

  /**
   * Parses {@code args} over {@code env} (for tests and embedding; the entry point parses with
   * {@code CommandLines} and calls {@link #toConfig}).
   *
   * @throws ConfigException with the one-line usage error, or for {@code --help}/{@code --version}
   */
  public static NotifierConfig parse(String[] args, Map<String, String> env)
      throws ConfigException {
    NotifierCommand command = new NotifierCommand();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
    CommandLines.Result r = CommandLines.parse(command, args, NotifierCommand.defaults(env),
        new PrintStream(OutputStream.nullOutputStream()), errStream);
    if (r instanceof CommandLines.Exit) {
      throw new ConfigException(err.toString(StandardCharsets.UTF_8).strip());
    }
    return toConfig(command, env);
  }

  /** Checks the parsed options; {@code env} supplies the tokens that have no flag. */
  public static NotifierConfig toConfig(NotifierCommand command, Map<String, String> env)
      throws ConfigException {
    URI api = api(Optional.ofNullable(blankToNull(command.api))
        .orElse(NotifierConfig.DEFAULT_API.toString()));
    String apiToken = apiToken(blankToNull(command.tokenFile), env);
    Path apiTokenFile = Optional.ofNullable(blankToNull(command.tokenFile)).map(Path::of)
        .orElse(null);
    String listen = Optional.ofNullable(blankToNull(command.listen)).orElse(
        NotifierConfig.DEFAULT_LISTEN_HOST + ":" + NotifierConfig.DEFAULT_LISTEN_PORT);
    String data = Optional.ofNullable(blankToNull(command.data)).orElseThrow(() ->
        new ConfigException("--data (or PARLEY_NOTIFY_DATA) is required"));
    Path dataDir;
    try {
      dataDir = Path.of(data);
    } catch (InvalidPathException e) {
      throw new ConfigException("--data is not a valid path", e);
    }
    String notifyToken = blankToNull(env.get("PARLEY_NOTIFY_TOKEN"));
    if (notifyToken != null && !NotifyToken.isValid(notifyToken)) {
      throw new ConfigException("PARLEY_NOTIFY_TOKEN must be " + NotifyToken.MIN_TOKEN_CHARS
          + "-" + NotifyToken.MAX_TOKEN_CHARS + " visible ASCII characters");
    }
    int colon = listen.lastIndexOf(':');
    if (colon <= 0) {
      throw new ConfigException("--listen must be HOST:PORT");
    }
    String host = listen.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(listen.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new ConfigException("--listen must be HOST:PORT with a numeric port");
    }
    if (port < 0 || port > 65_535) {
      throw new ConfigException("--listen port must be 0-65535");
    }
    int burst = (int) number(command.rateBurst, "--rate-burst",
        DeliverySettings.DEFAULT_RATE_BURST, DeliverySettings.MAX_RATE_BURST);
    long every = number(command.rateEvery, "--rate-every",
        DeliverySettings.DEFAULT_RATE_REFILL.toSeconds(),
        DeliverySettings.MAX_RATE_REFILL.toSeconds());
    String unsubscribed = Optional.ofNullable(blankToNull(command.unsubscribedTopics))
        .orElse("reject");
    if (!unsubscribed.equals("reject") && !unsubscribed.equals("accept")) {
      throw new ConfigException("--unsubscribed-topics must be reject or accept");
    }
    return new NotifierConfig(api, apiToken, host, port, dataDir, notifyToken,
        ReceiverSettings.defaults().withAcceptUnsubscribedTopics(unsubscribed.equals("accept")),
        DeliverySettings.defaults().withRate(burst, Duration.ofSeconds(every)), apiTokenFile);
  }

  /** A whole number from 1 to {@code max}, or {@code fallback} when not given. */
  private static long number(String value, String flag, long fallback, long max)
      throws ConfigException {
    Optional<String> raw = Optional.ofNullable(blankToNull(value));
    if (raw.isEmpty()) {
      return fallback;
    }
    try {
      long n = Long.parseLong(raw.get());
      if (n >= 1 && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below, without the value
    }
    throw new ConfigException(flag + " must be a whole number from 1 to " + max);
  }

  private static URI api(String raw) throws ConfigException {
    try {
      URI u = new URI(raw);
      if (u.getScheme() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https"))
          || u.getHost() == null) {
        throw new ConfigException("--api must be an http(s) URL such as "
            + NotifierConfig.DEFAULT_API);
      }
      return u;
    } catch (URISyntaxException e) {
      throw new ConfigException("--api is not a valid URL", e);
    }
  }

  private static String apiToken(String tokenFile, Map<String, String> env)
      throws ConfigException {
    Optional<String> file = Optional.ofNullable(tokenFile);
    if (file.isPresent()) {
      try {
        String t = Files.readString(Path.of(file.get()), StandardCharsets.UTF_8).strip();
        if (t.isEmpty()) {
          throw new ConfigException("the --token-file is empty");
        }
        return t;
      } catch (IOException | InvalidPathException e) {
        throw new ConfigException("cannot read the --token-file: " + e.getClass().getSimpleName(),
            e);
      }
    }
    String direct = blankToNull(env.get("PARLEY_TOKEN"));
    if (direct == null) {
      throw new ConfigException("the daemon API token is required: --token-file, "
          + "PARLEY_TOKEN_FILE or PARLEY_TOKEN");
    }
    return direct;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}

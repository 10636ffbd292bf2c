package io.parley.bots.notifier.config;

import io.parley.bots.notifier.delivery.DeliverySettings;
import io.parley.bots.notifier.http.NotifyToken;
import io.parley.bots.notifier.http.ReceiverSettings;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the notifier's flags and environment: a flag wins over its variable.
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
 * </pre>
 * Both {@code --flag value} and {@code --flag=value} work. Stateless.
 */
public final class NotifierArgs {
  /** The usage text printed for {@code --help} and after a usage error. */
  public static final String USAGE = String.join("\n",
      "usage: java -jar notifier-bot.jar --data DIR [--api URL] [--token-file FILE]",
      "                                   [--listen HOST:PORT] [--rate-burst N]",
      "                                   [--rate-every SECONDS]",
      "                                   [--unsubscribed-topics reject|accept]",
      "  --api URL           daemon API base URL (PARLEY_API; default " + NotifierConfig.DEFAULT_API
          + ")",
      "  --token-file FILE   file with the daemon API token (PARLEY_TOKEN_FILE, or the token in",
      "                      PARLEY_TOKEN)",
      "  --listen HOST:PORT  alert receiver address (PARLEY_NOTIFY_LISTEN; default "
          + NotifierConfig.DEFAULT_LISTEN_HOST + ":" + NotifierConfig.DEFAULT_LISTEN_PORT + ")",
      "  --data DIR          the bot's data directory (PARLEY_NOTIFY_DATA)",
      "  --rate-burst N      messages a subscriber gets at once before alerts are held for a",
      "                      digest (PARLEY_NOTIFY_RATE_BURST; default "
          + DeliverySettings.DEFAULT_RATE_BURST + ", at most "
          + DeliverySettings.MAX_RATE_BURST + ")",
      "  --rate-every SECONDS  then one message or digest per SECONDS (PARLEY_NOTIFY_RATE_EVERY;",
      "                      default " + DeliverySettings.DEFAULT_RATE_REFILL.toSeconds()
          + ", at most " + DeliverySettings.MAX_RATE_REFILL.toSeconds() + ")",
      "  --unsubscribed-topics reject|accept  an alert to a topic nobody subscribes to gets",
      "                      404 (reject) or 200 (PARLEY_NOTIFY_UNSUBSCRIBED_TOPICS; default"
          + " reject)",
      "The receiver token is PARLEY_NOTIFY_TOKEN, or generated into DIR/notify.token.",
      "");
  private static final Map<String, String> FLAG_TO_ENV = Map.of(
      "--api", "PARLEY_API", "--token-file", "PARLEY_TOKEN_FILE",
      "--listen", "PARLEY_NOTIFY_LISTEN", "--data", "PARLEY_NOTIFY_DATA",
      "--rate-burst", "PARLEY_NOTIFY_RATE_BURST", "--rate-every", "PARLEY_NOTIFY_RATE_EVERY",
      "--unsubscribed-topics", "PARLEY_NOTIFY_UNSUBSCRIBED_TOPICS");

  private NotifierArgs() {}

  /** True when the arguments ask for help. */
  public static boolean wantsHelp(String[] args) {
    for (String a : args) {
      if (a.equals("-h") || a.equals("--help")) {
        return true;
      }
    }
    return false;
  }

  /** Parses {@code args} over {@code env}. */
  public static NotifierConfig parse(String[] args, Map<String, String> env)
      throws ConfigException {
    Map<String, String> flags = flags(args);
    URI api = api(value(flags, env, "--api").orElse(NotifierConfig.DEFAULT_API.toString()));
    String apiToken = apiToken(flags, env);
    Path apiTokenFile = value(flags, env, "--token-file").map(Path::of).orElse(null);
    String listen = value(flags, env, "--listen").orElse(
        NotifierConfig.DEFAULT_LISTEN_HOST + ":" + NotifierConfig.DEFAULT_LISTEN_PORT);
    String data = value(flags, env, "--data").orElseThrow(() ->
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
    int burst = (int) number(flags, env, "--rate-burst", DeliverySettings.DEFAULT_RATE_BURST,
        DeliverySettings.MAX_RATE_BURST);
    long every = number(flags, env, "--rate-every",
        DeliverySettings.DEFAULT_RATE_REFILL.toSeconds(),
        DeliverySettings.MAX_RATE_REFILL.toSeconds());
    String unsubscribed = value(flags, env, "--unsubscribed-topics").orElse("reject");
    if (!unsubscribed.equals("reject") && !unsubscribed.equals("accept")) {
      throw new ConfigException("--unsubscribed-topics must be reject or accept");
    }
    return new NotifierConfig(api, apiToken, host, port, dataDir, notifyToken,
        ReceiverSettings.defaults().withAcceptUnsubscribedTopics(unsubscribed.equals("accept")),
        DeliverySettings.defaults().withRate(burst, Duration.ofSeconds(every)), apiTokenFile);
  }

  /** A whole number from 1 to {@code max}, or {@code fallback} when not given. */
  private static long number(Map<String, String> flags, Map<String, String> env, String flag,
      long fallback, long max) throws ConfigException {
    Optional<String> raw = value(flags, env, flag);
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

  private static Map<String, String> flags(String[] args) throws ConfigException {
    Map<String, String> flags = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      String name = a;
      String value = null;
      int eq = a.indexOf('=');
      if (a.startsWith("--") && eq > 0) {
        name = a.substring(0, eq);
        value = a.substring(eq + 1);
      }
      if (!FLAG_TO_ENV.containsKey(name)) {
        throw new ConfigException("unknown argument "
            + (a.startsWith("-") ? name : "(a value without its --flag)"));
      }
      if (value == null) {
        if (i + 1 >= args.length) {
          throw new ConfigException(name + " needs a value");
        }
        value = args[++i];
      }
      if (flags.put(name, value) != null) {
        throw new ConfigException(name + " given twice");
      }
    }
    return flags;
  }

  private static Optional<String> value(Map<String, String> flags, Map<String, String> env,
      String flag) {
    String v = flags.get(flag);
    if (v == null) {
      v = env.get(FLAG_TO_ENV.get(flag));
    }
    return Optional.ofNullable(blankToNull(v));
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

  private static String apiToken(Map<String, String> flags, Map<String, String> env)
      throws ConfigException {
    Optional<String> file = value(flags, env, "--token-file");
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

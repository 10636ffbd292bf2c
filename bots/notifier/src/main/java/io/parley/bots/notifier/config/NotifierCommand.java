package io.parley.bots.notifier.config;

import io.parley.bots.notifier.delivery.DeliverySettings;
import io.parley.launch.OptionDefaults;
import io.parley.launch.VersionProvider;
import io.parley.launch.logging.LogOptions;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The notifier's options as picocli fills them: each from its flag, else its variable (the
 * names documented before picocli, kept: {@code PARLEY_NOTIFY_*} for the notifier's own,
 * {@code PARLEY_API} and {@code PARLEY_TOKEN_FILE} shared with the SDK, and
 * {@code PARLEY_LOG_FORMAT}, {@code PARLEY_LOG_LEVEL} shared with every entry point). Values
 * stay text here;
 * {@link NotifierArgs} checks them. Not thread-safe.
 */
@Command(name = "notifier", mixinStandardHelpOptions = true, usageHelpWidth = 100,
    versionProvider = VersionProvider.class, sortOptions = false,
    description = "Alert bridge: HTTP alerts in, chat messages to subscribers out, through a"
        + " Parley daemon.",
    footer = {"", "The daemon API token may also be given in PARLEY_TOKEN; the receiver token is"
        + " PARLEY_NOTIFY_TOKEN, or generated into DIR/notify.token.",
        "Exit status: 0 clean stop, --help or --version; 1 cannot start; 2 bad arguments."})
public final class NotifierCommand {
  /** The variable of each option. */
  static final Map<String, String> VARIABLES = Map.of(
      "--api", "PARLEY_API", "--token-file", "PARLEY_TOKEN_FILE",
      "--listen", "PARLEY_NOTIFY_LISTEN", "--data", "PARLEY_NOTIFY_DATA",
      "--rate-burst", "PARLEY_NOTIFY_RATE_BURST", "--rate-every", "PARLEY_NOTIFY_RATE_EVERY",
      "--unsubscribed-topics", "PARLEY_NOTIFY_UNSUBSCRIBED_TOPICS");

  @Option(names = "--api", paramLabel = "URL",
      description = "daemon API base URL (PARLEY_API; default http://127.0.0.1:7780)")
  String api;

  @Option(names = "--token-file", paramLabel = "FILE",
      description = "file with the daemon API token (PARLEY_TOKEN_FILE)")
  String tokenFile;

  @Option(names = "--listen", paramLabel = "HOST:PORT",
      description = "alert receiver address (PARLEY_NOTIFY_LISTEN; default "
          + NotifierConfig.DEFAULT_LISTEN_HOST + ":" + NotifierConfig.DEFAULT_LISTEN_PORT + ")")
  String listen;

  @Option(names = "--data", paramLabel = "DIR",
      description = "the bot's data directory (PARLEY_NOTIFY_DATA); required")
  String data;

  @Option(names = "--rate-burst", paramLabel = "N",
      description = "messages a subscriber gets at once before alerts are held for a digest"
          + " (PARLEY_NOTIFY_RATE_BURST; default " + DeliverySettings.DEFAULT_RATE_BURST
          + ", at most " + DeliverySettings.MAX_RATE_BURST + ")")
  String rateBurst;

  @Option(names = "--rate-every", paramLabel = "SECONDS",
      description = "then one message or digest per SECONDS (PARLEY_NOTIFY_RATE_EVERY; default"
          + " 15, at most 3600)")
  String rateEvery;

  @Option(names = "--unsubscribed-topics", paramLabel = "reject|accept",
      description = "an alert to a topic nobody subscribes to gets 404 (reject) or 200"
          + " (PARLEY_NOTIFY_UNSUBSCRIBED_TOPICS; default reject)")
  String unsubscribedTopics;

  @Mixin LogOptions logs;

  /** Options the command line leaves out, from {@code environment}. */
  public static OptionDefaults defaults(Map<String, String> environment) {
    return OptionDefaults.environment(environment).variables(VARIABLES);
  }

  /** The chosen log format and level. */
  public LogOptions logs() {
    return logs;
  }
}

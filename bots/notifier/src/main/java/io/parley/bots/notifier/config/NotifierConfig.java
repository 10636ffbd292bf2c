package io.parley.bots.notifier.config;

import io.parley.bots.notifier.delivery.DeliverySettings;
import io.parley.bots.notifier.http.ReceiverSettings;
import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Everything the notifier runs with. Immutable; {@link #toString()} leaves the tokens out.
 *
 * @param api the daemon API's base URL
 * @param apiToken the daemon API token (secret)
 * @param listenHost where the receiver binds
 * @param listenPort the receiver's port; 0 picks a free one
 * @param dataDir the bot's data directory (database, generated notify token)
 * @param notifyToken the receiver token from the environment (secret), or null to use the
 *     data directory's generated one
 * @param receiver the receiver's limits
 * @param delivery the dispatcher's limits
 * @param apiTokenFile the file {@code apiToken} was read from, read again when the daemon
 *     refuses the token (it may have been replaced); null when the token came from the
 *     environment
 */
public record NotifierConfig(URI api, String apiToken, String listenHost, int listenPort,
    Path dataDir, String notifyToken, ReceiverSettings receiver, DeliverySettings delivery,
    Path apiTokenFile) {
  /** Where the receiver listens by default: loopback only. */
  public static final String DEFAULT_LISTEN_HOST = "127.0.0.1";
  /** The receiver's default port, next to the daemon API's default 7780. */
  public static final int DEFAULT_LISTEN_PORT = 7781;
  /** The daemon API's default base URL. */
  public static final URI DEFAULT_API = URI.create("http://127.0.0.1:7780");

  /** A configuration whose API token did not come from a file. */
  public NotifierConfig(URI api, String apiToken, String listenHost, int listenPort,
      Path dataDir, String notifyToken, ReceiverSettings receiver, DeliverySettings delivery) {
    this(api, apiToken, listenHost, listenPort, dataDir, notifyToken, receiver, delivery, null);
  }

  public NotifierConfig {
    Objects.requireNonNull(api, "api");
    Objects.requireNonNull(apiToken, "apiToken");
    Objects.requireNonNull(listenHost, "listenHost");
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(receiver, "receiver");
    Objects.requireNonNull(delivery, "delivery");
    if (listenPort < 0 || listenPort > 65_535) {
      throw new IllegalArgumentException("listen port must be 0-65535");
    }
  }

  @Override
  public String toString() {
    return "NotifierConfig[api=" + api + ", listen=" + listenHost + ":" + listenPort
        + ", dataDir=" + dataDir + ", notifyToken=" + (notifyToken == null ? "file" : "env")
        + ", receiver=" + receiver + ", delivery=" + delivery + ", apiTokenFile="
        + apiTokenFile + "]";
  }
}

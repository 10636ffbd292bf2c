package io.parley.bots.notifier.sdk;

import io.parley.bots.notifier.config.NotifierConfig;
import io.parley.sdk.ParleyClient;
import io.parley.sdk.ParleyConfig;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;

/**
 * The SDK client the bot talks to its daemon with. When the daemon refuses the token, {@link
 * #renew()} reads the token file again, so replacing the file (a new daemon, a rotated token)
 * needs no restart of the bot. Never logs a token. Thread-safe.
 */
final class DaemonClients {
  private static final System.Logger LOG = System.getLogger(DaemonClients.class.getName());

  private final NotifierConfig config;
  private volatile String token;
  private volatile ParleyClient current;

  DaemonClients(NotifierConfig config) {
    this.config = config;
    this.token = config.apiToken();
    this.current = create(token);
  }

  /** The client to use now. */
  ParleyClient current() {
    return current;
  }

  /**
   * Reads the token file again (if the token came from one) and switches to a client with the
   * token it holds now, if that changed.
   */
  void renew() {
    if (config.apiTokenFile() == null) {
      return;
    }
    String read;
    try {
      read = Files.readString(config.apiTokenFile(), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      LOG.log(Level.WARNING, "cannot read the API token file again ("
          + e.getClass().getSimpleName() + "); keeping the token read before");
      return;
    }
    if (read.isEmpty() || read.equals(token)) {
      return;
    }
    synchronized (this) {
      token = read;
      current = create(read);
    }
    LOG.log(Level.INFO, "the API token file holds a new token; using it");
  }

  private ParleyClient create(String apiToken) {
    return ParleyClient.create(ParleyConfig.builder(Map.of())
        .api(config.api().toString()).token(apiToken)
        .requestTimeout(NotifierBot.API_REQUEST_TIMEOUT).build());
  }
}

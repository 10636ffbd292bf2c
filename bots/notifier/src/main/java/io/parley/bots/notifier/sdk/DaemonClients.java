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
 * The SDK client the bot talks to its daemon with. The notifier runs in a profile of its own
 * ({@value #PROFILE_NAME}), so it neither sees nor answers the chats of the daemon's other
 * profiles: the configured token (the owner token) creates the profile on first use, and the
 * profile's token is kept in the data directory ({@value #PROFILE_TOKEN_FILE}). When the daemon
 * refuses a token, {@link #renew()} reads the token file again and logs in to the profile
 * afresh, so replacing the file (a new daemon, a rotated token) or a deleted profile needs no
 * restart of the bot. Never logs a token. Thread-safe.
 */
final class DaemonClients {
  private static final System.Logger LOG = System.getLogger(DaemonClients.class.getName());

  /** The display name of the notifier's profile: what subscribers see when they connect. */
  static final String PROFILE_NAME = "Notifier";
  static final String PROFILE_DESCRIPTION = "Alerts from your monitoring. Send /help.";
  /** The file in the data directory that keeps the profile's token. */
  static final String PROFILE_TOKEN_FILE = "profile.token";

  private final NotifierConfig config;
  private volatile String token;
  private volatile ParleyClient current;
  /** The client of the notifier's profile, once logged in; null until then or after renew. */
  private volatile ParleyClient profile;

  DaemonClients(NotifierConfig config) {
    this.config = config;
    this.token = config.apiToken();
    this.current = create(token);
  }

  /**
   * The client to use now: the notifier's profile's, logging in to it (and creating it on the
   * first start) if that was not done yet.
   *
   * @throws io.parley.sdk.error.ParleyException if the daemon cannot be reached or refuses
   */
  ParleyClient current() {
    ParleyClient p = profile;
    if (p != null) {
      return p;
    }
    synchronized (this) {
      if (profile == null) {
        profile = current.inProfile(PROFILE_NAME, PROFILE_DESCRIPTION,
            config.dataDir().resolve(PROFILE_TOKEN_FILE));
      }
      return profile;
    }
  }

  /**
   * Reads the token file again (if the token came from one) and switches to a client with the
   * token it holds now, if that changed.
   */
  void renew() {
    // A refused profile token (the profile was deleted) is replaced at the next login.
    profile = null;
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

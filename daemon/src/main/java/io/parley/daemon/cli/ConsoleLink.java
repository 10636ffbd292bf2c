package io.parley.daemon.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.daemon.api.security.TokenFile;
import io.parley.daemon.config.DaemonConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What {@code parleyd console} does: reads the owner token from the data directory, asks the
 * daemon's API for a sign-in link ({@code POST /v1/console/sign-in-links}) and prints it to
 * stdout. Failures are one line on stderr naming what to check. Stateless.
 */
final class ConsoleLink {
  /** How long to wait for the daemon's answer. UNIT: duration. */
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  private ConsoleLink() {}

  static ExitCode print(DaemonConfig config, PrintStream out, PrintStream err) {
    Path tokenFile = config.dataDir().resolve(TokenFile.FILE_NAME);
    String token;
    try {
      token = Files.readString(tokenFile).trim();
    } catch (NoSuchFileException e) {
      err.println(Launcher.PREFIX + "no " + TokenFile.FILE_NAME + " in " + config.dataDir()
          + ": has the daemon started with this --data?");
      return ExitCode.FAILURE;
    } catch (IOException e) {
      err.println(Launcher.PREFIX + "cannot read " + tokenFile + ": " + e.getMessage());
      return ExitCode.FAILURE;
    }
    String bind = config.apiBind();
    String host = bind.equals("0.0.0.0") || bind.equals("::") ? "127.0.0.1"
        : bind.contains(":") ? "[" + bind + "]" : bind;
    URI api = URI.create("http://" + host + ":" + config.apiPort() + "/v1/console/sign-in-links");
    try {
      HttpResponse<String> r = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).build()
          .send(HttpRequest.newBuilder(api).timeout(REQUEST_TIMEOUT)
              .header("Authorization", "Bearer " + token)
              .POST(HttpRequest.BodyPublishers.noBody()).build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 201) {
        err.println(Launcher.PREFIX + "the daemon at " + host + ":" + config.apiPort()
            + " refused (HTTP " + r.statusCode() + "): is it this data directory's daemon?");
        return ExitCode.FAILURE;
      }
      JsonNode body = new ObjectMapper().readTree(r.body());
      out.println(Launcher.CONSOLE_LINE + body.path("url").asText());
      out.flush();
      return ExitCode.OK;
    } catch (IOException e) {
      err.println(Launcher.PREFIX + "no daemon answers at " + host + ":" + config.apiPort()
          + " (start parleyd, or give the --api-port it uses)");
      return ExitCode.FAILURE;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ExitCode.FAILURE;
    }
  }
}

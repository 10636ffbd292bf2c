package io.parley.bots.echo;

import io.parley.launch.OptionDefaults;
import io.parley.launch.VersionProvider;
import io.parley.launch.logging.LogOptions;
import io.parley.sdk.ParleyConfig;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The echo bot's command line, as picocli fills it: {@code --api URL}, {@code --token-file F}
 * (or the SDK's variables {@value ParleyConfig#ENV_API}, {@value ParleyConfig#ENV_TOKEN_FILE},
 * {@value ParleyConfig#ENV_TOKEN}), {@code --name NAME} ({@code PARLEY_ECHO_NAME}) and the log
 * options. Not thread-safe.
 */
@Command(name = "echo-bot", mixinStandardHelpOptions = true, usageHelpWidth = 100,
    versionProvider = VersionProvider.class, sortOptions = false,
    description = "A bot that sends every text back to its sender, through a Parley daemon.",
    footer = {"", "Exit status: 0 --help or --version, 1 cannot run or stopped on a failure,"
        + " 2 bad arguments."})
final class EchoOptions {
  /** The bot's name when none is given. */
  static final String DEFAULT_NAME = "echo";

  @Option(names = "--api", paramLabel = "URL",
      description = "the daemon's API (default $PARLEY_API, else http://127.0.0.1:7780)")
  String api;

  @Option(names = "--token-file", paramLabel = "FILE",
      description = "the API token file, such as DATA/api.token (default $PARLEY_TOKEN_FILE,"
          + " or the token in $PARLEY_TOKEN)")
  Path tokenFile;

  @Option(names = "--name", paramLabel = "NAME", defaultValue = DEFAULT_NAME,
      description = "the bot's name, kept across restarts (PARLEY_ECHO_NAME; default"
          + " ${DEFAULT-VALUE})")
  String name;

  @Mixin LogOptions logs;

  /** Options the command line leaves out, from {@code environment}. */
  static OptionDefaults defaults(Map<String, String> environment) {
    return OptionDefaults.environment(environment)
        .variables(Map.of("--name", "PARLEY_ECHO_NAME"));
  }

  /** The bot's name, which is also its daemon-side consumer. */
  String name() {
    return name;
  }

  /** The client configuration: these options first, then {@code env}. */
  ParleyConfig config(Map<String, String> env) {
    return ParleyConfig.builder(env).api(api).tokenFile(tokenFile).build();
  }

  /** A command line the bot cannot run with; the message is the one line printed. */
  static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }
}

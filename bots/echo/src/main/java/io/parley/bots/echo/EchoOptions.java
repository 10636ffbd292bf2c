package io.parley.bots.echo;

import io.parley.sdk.ParleyConfig;
import java.nio.file.Path;
import java.util.Map;

/**
 * The echo bot's command line: {@code --api URL}, {@code --token-file F} (or the environment
 * variables {@value ParleyConfig#ENV_API}, {@value ParleyConfig#ENV_TOKEN_FILE},
 * {@value ParleyConfig#ENV_TOKEN}) and {@code --name NAME}. Immutable.
 *
 * @param api the API base URL, or null for the environment's
 * @param tokenFile the token file, or null for the environment's
 * @param name the bot's name, which is also its daemon-side consumer
 * @param help whether {@code --help} was asked for
 */
record EchoOptions(String api, Path tokenFile, String name, boolean help) {
  /** The bot's name when none is given. */
  static final String DEFAULT_NAME = "echo";
  static final String USAGE = """
      usage: java -jar echo-bot.jar [--api URL] [--token-file FILE] [--name NAME]
        --api URL          the daemon's API (default $PARLEY_API, else http://127.0.0.1:7780)
        --token-file FILE  the API token file, such as <data>/api.token
                           (default $PARLEY_TOKEN_FILE, or the token in $PARLEY_TOKEN)
        --name NAME        the bot's name, kept across restarts (default echo)""";

  /** A command line the bot cannot run with. */
  static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  /** Parses the arguments. */
  static EchoOptions parse(String... args) throws UsageException {
    String api = null;
    Path tokenFile = null;
    String name = DEFAULT_NAME;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--help") || a.equals("-h")) {
        return new EchoOptions(null, null, DEFAULT_NAME, true);
      }
      if (!(a.equals("--api") || a.equals("--token-file") || a.equals("--name"))) {
        throw new UsageException("unknown argument: " + a);
      }
      if (i + 1 >= args.length) {
        throw new UsageException(a + " needs a value");
      }
      String v = args[++i];
      switch (a) {
        case "--api" -> api = v;
        case "--token-file" -> tokenFile = Path.of(v);
        default -> name = v;
      }
    }
    return new EchoOptions(api, tokenFile, name, false);
  }

  /** The client configuration: these options first, then {@code env}. */
  ParleyConfig config(Map<String, String> env) {
    return ParleyConfig.builder(env).api(api).tokenFile(tokenFile).build();
  }
}

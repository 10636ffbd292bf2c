package io.parley.relay.cli;

import io.parley.protocol.transport.InvalidRelayAddressException;
import io.parley.protocol.transport.RelayAddress;
import io.parley.relay.config.ConfigKey;
import io.parley.relay.config.RelayConfig;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/** Parses the relay's command line into a {@link CliCommand}. Stateless. */
public final class CommandLineParser {
  /** Printed for --help and after a usage error. */
  public static final String USAGE = String.join("\n",
      "usage: parley-relay init --dir DIR [--host HOST] [--port PORT]",
      "       parley-relay start --dir DIR [--port PORT] [--host HOST]",
      "       parley-relay --help",
      "",
      "init   creates the relay identity, certificates and DIR/relay.properties, and prints",
      "       the relay address (smp://keyHash@host:port) as its last line. Refuses to",
      "       overwrite an existing identity.",
      "start  runs the relay in DIR until SIGTERM, printing its address once listening.",
      "       --port and --host override relay.properties.",
      "",
      "exit codes: 0 success, 1 failure (see message), 2 bad arguments");

  /** A syntactically valid key hash, to check a host the way an address would. */
  private static final String ANY_KEY_HASH = "A".repeat(43);

  private CommandLineParser() {}

  public static CliCommand parse(String[] args) throws UsageException {
    if (args.length == 0) {
      throw new UsageException("missing command");
    }
    String command = args[0];
    if (command.equals("--help") || command.equals("-h") || command.equals("help")) {
      return new CliCommand.Help();
    }
    Path dir = null;
    String host = null;
    Integer port = null;
    for (int i = 1; i < args.length; i++) {
      String opt = args[i];
      if (opt.equals("--help") || opt.equals("-h")) {
        return new CliCommand.Help();
      }
      if (i + 1 >= args.length) {
        throw new UsageException(opt.startsWith("--") ? opt + " needs a value"
            : "unexpected argument '" + opt + "'");
      }
      String value = args[++i];
      switch (opt) {
        case "--dir" -> dir = path(value);
        case "--host" -> host = host(value);
        case "--port" -> port = port(value);
        default -> throw new UsageException("unknown option '" + opt + "'");
      }
    }
    if (dir == null) {
      throw new UsageException(command + " needs --dir");
    }
    return switch (command) {
      case "init" -> {
        if (port != null && port == 0) {
          throw new UsageException("init needs a real --port (1 to 65535): it goes into the"
              + " relay address");
        }
        yield new CliCommand.Init(dir, host == null ? RelayConfig.DEFAULT_HOST : host,
            port == null ? RelayConfig.DEFAULT_PORT : port);
      }
      case "start" -> {
        Map<ConfigKey, String> overrides = new EnumMap<>(ConfigKey.class);
        if (port != null) {
          overrides.put(ConfigKey.PORT, String.valueOf(port));
        }
        if (host != null) {
          overrides.put(ConfigKey.HOST, host);
        }
        yield new CliCommand.Start(dir, overrides);
      }
      default -> throw new UsageException("unknown command '" + command + "'");
    };
  }

  private static Path path(String v) throws UsageException {
    try {
      return Path.of(v);
    } catch (InvalidPathException e) {
      throw new UsageException("--dir is not a valid path: " + v);
    }
  }

  /** Accepts what a relay address accepts: a DNS name, IPv4, or a bracketed IPv6 address. */
  private static String host(String v) throws UsageException {
    try {
      RelayAddress.parse(RelayAddress.SCHEME + ANY_KEY_HASH + "@" + v);
      return v;
    } catch (InvalidRelayAddressException e) {
      throw new UsageException("--host must be a DNS name, an IPv4 address or a bracketed"
          + " IPv6 address, not '" + v + "'");
    }
  }

  private static int port(String v) throws UsageException {
    try {
      int p = Integer.parseInt(v);
      if (p >= 0 && p <= 0xFFFF) {
        return p;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException("--port must be a number from 0 to 65535, not '" + v + "'");
  }
}

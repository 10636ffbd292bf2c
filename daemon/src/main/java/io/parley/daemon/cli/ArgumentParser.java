package io.parley.daemon.cli;

import io.parley.daemon.config.DaemonConfig;
import io.parley.protocol.transport.InvalidRelayAddressException;
import io.parley.protocol.transport.RelayAddress;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Parses {@code parleyd}'s arguments: {@code --flag value} or {@code --flag=value}. Every error
 * names the flag; values are never echoed back, since a mistyped flag could be followed by a
 * secret. Stateless; thread-safe.
 */
public final class ArgumentParser {
  /** Most arguments accepted, so a runaway script cannot make parsing expensive. */
  public static final int MAX_ARGUMENTS = 64;

  static final String DATA = "--data";
  static final String RELAY = "--relay";
  static final String NAME = "--name";
  static final String RELAY_PORT = "--relay-port";
  static final String API_PORT = "--api-port";
  static final String API_BIND = "--api-bind";
  static final String API_HOST = "--api-host";
  static final String REDUNDANCY = "--redundancy";
  static final String HELP = "--help";
  static final String HELP_SHORT = "-h";

  private ArgumentParser() {}

  /** @throws UsageException naming the offending flag */
  public static Arguments parse(String... args) throws UsageException {
    if (args.length > MAX_ARGUMENTS) {
      throw new UsageException("too many arguments (at most " + MAX_ARGUMENTS + ")");
    }
    Path dataDir = null;
    List<RelayAddress> relays = new ArrayList<>();
    String name = null;
    Integer relayPort = null;
    Integer apiPort = null;
    String apiBind = null;
    List<String> apiHosts = new ArrayList<>();
    Integer redundancy = null;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals(HELP) || arg.equals(HELP_SHORT)) {
        return Arguments.helpRequested();
      }
      int eq = arg.indexOf('=');
      String flag = arg.startsWith("--") && eq > 0 ? arg.substring(0, eq) : arg;
      String value;
      if (flag.length() < arg.length()) {
        value = arg.substring(eq + 1);
      } else if (isFlag(flag) && i + 1 < args.length) {
        value = args[++i];
      } else if (isFlag(flag)) {
        throw new UsageException(flag + " needs a value");
      } else {
        throw new UsageException(flag.startsWith("-")
            ? "unknown option " + flag : "unexpected argument at position " + (i + 1));
      }
      switch (flag) {
        case DATA -> {
          requireOnce(flag, dataDir);
          dataDir = parsePath(value);
        }
        case RELAY -> relays.add(parseRelay(value));
        case NAME -> {
          requireOnce(flag, name);
          name = value;
        }
        case RELAY_PORT -> {
          requireOnce(flag, relayPort);
          relayPort = parsePort(RELAY_PORT, value, 1);
        }
        case API_PORT -> {
          requireOnce(flag, apiPort);
          apiPort = parsePort(API_PORT, value, 0);
        }
        case API_BIND -> {
          requireOnce(flag, apiBind);
          if (value.isBlank()) {
            throw new UsageException(API_BIND + " needs an address");
          }
          apiBind = value;
        }
        case API_HOST -> {
          if (value.isBlank()) {
            throw new UsageException(API_HOST + " needs a host name");
          }
          apiHosts.add(value);
        }
        case REDUNDANCY -> {
          requireOnce(flag, redundancy);
          redundancy = parseRedundancy(value);
        }
        default -> throw new UsageException("unknown option " + flag);
      }
    }
    if (dataDir == null) {
      throw new UsageException(DATA + " is required");
    }
    if (relayPort != null && !relays.isEmpty()) {
      throw new UsageException(RELAY_PORT + " sets the embedded relay's port, which does not "
          + "run when " + RELAY + " is given");
    }
    return new Arguments(false, dataDir, relays, Optional.ofNullable(name),
        relayPort == null ? OptionalInt.empty() : OptionalInt.of(relayPort),
        apiPort == null ? OptionalInt.empty() : OptionalInt.of(apiPort),
        Optional.ofNullable(apiBind), apiHosts,
        redundancy == null ? OptionalInt.empty() : OptionalInt.of(redundancy));
  }

  private static boolean isFlag(String s) {
    return s.equals(DATA) || s.equals(RELAY) || s.equals(NAME) || s.equals(RELAY_PORT)
        || s.equals(API_PORT) || s.equals(API_BIND) || s.equals(API_HOST)
        || s.equals(REDUNDANCY);
  }

  private static int parseRedundancy(String value) throws UsageException {
    try {
      int n = Integer.parseInt(value.strip());
      if (n >= 1 && n <= DaemonConfig.MAX_REDUNDANCY) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException(REDUNDANCY + " must be a number from 1 to "
        + DaemonConfig.MAX_REDUNDANCY);
  }

  private static void requireOnce(String flag, Object previous) throws UsageException {
    if (previous != null) {
      throw new UsageException(flag + " given more than once");
    }
  }

  private static Path parsePath(String value) throws UsageException {
    if (value.isBlank()) {
      throw new UsageException(DATA + " needs a directory");
    }
    try {
      return Path.of(value);
    } catch (InvalidPathException e) {
      throw new UsageException(DATA + " is not a valid path: " + e.getReason());
    }
  }

  private static RelayAddress parseRelay(String value) throws UsageException {
    try {
      return RelayAddress.parse(value);
    } catch (InvalidRelayAddressException e) {
      throw new UsageException(RELAY + ": " + e.getMessage());
    }
  }

  private static int parsePort(String flag, String value, int min) throws UsageException {
    if (!value.matches("[0-9]{1,5}") || Integer.parseInt(value) < min
        || Integer.parseInt(value) > DaemonConfig.MAX_PORT) {
      throw new UsageException(flag + " must be a port number from " + min + " to "
          + DaemonConfig.MAX_PORT);
    }
    return Integer.parseInt(value);
  }
}

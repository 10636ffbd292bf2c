package io.parley.relay.cli;

import io.parley.relay.config.RelayConfig;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code parley-relay init}: create the identity and relay.properties in a directory. */
@Command(name = "init", mixinStandardHelpOptions = true, usageHelpWidth = 100,
    versionProvider = io.parley.launch.VersionProvider.class,
    description = {"Creates the relay identity, certificates and DIR/relay.properties, and"
        + " prints the relay address (smp://keyHash@host:port) as its last line.",
        "Refuses to overwrite an existing identity."})
public final class InitCommand {
  @Option(names = "--dir", paramLabel = "DIR", required = true,
      description = "data directory (created with mode 0700 if missing)")
  Path dir;

  @Option(names = "--host", paramLabel = "HOST", converter = HostConverter.class,
      defaultValue = RelayConfig.DEFAULT_HOST,
      description = "host name or address clients use, put in the address"
          + " (default: ${DEFAULT-VALUE})")
  String host;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + RelayConfig.DEFAULT_PORT,
      converter = AddressPortConverter.class,
      description = "port to listen on, 1-65535, put in the address (default: ${DEFAULT-VALUE})")
  int port;

  /** The data directory. */
  public Path dir() {
    return dir;
  }

  /** The host in the address. */
  public String host() {
    return host;
  }

  /** The port in the address. */
  public int port() {
    return port;
  }
}

package io.parley.relay.cli;

import io.parley.relay.config.ConfigKey;
import java.nio.file.Path;
import java.util.Map;

/** A parsed relay command line. */
public sealed interface CliCommand {
  /** {@code init}: create identity and relay.properties in {@code dir}. */
  record Init(Path dir, String host, int port) implements CliCommand {}

  /** {@code start}: run the relay in {@code dir}, with command-line overrides of the file. */
  record Start(Path dir, Map<ConfigKey, String> overrides) implements CliCommand {}

  /** {@code --help} or {@code help}. */
  record Help() implements CliCommand {}
}

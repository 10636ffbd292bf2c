package io.parley.daemon.cli;

import io.parley.protocol.transport.RelayAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What the command line asked for, before the settings file is consulted: absent values leave
 * the file's (or the default) value in place. Immutable.
 *
 * @param help {@code --help} was given; nothing else is meaningful then
 * @param dataDir {@code --data}; null only when {@code help}
 * @param relays {@code --relay}, in order; empty when none was given
 * @param name {@code --name}
 * @param relayPort {@code --relay-port}
 * @param apiPort {@code --api-port}
 * @param apiBind {@code --api-bind}
 * @param apiHosts {@code --api-host}, in order; empty when none was given
 * @param redundancy {@code --redundancy}
 */
public record Arguments(
    boolean help,
    Path dataDir,
    List<RelayAddress> relays,
    Optional<String> name,
    OptionalInt relayPort,
    OptionalInt apiPort,
    Optional<String> apiBind,
    List<String> apiHosts,
    OptionalInt redundancy) {

  public Arguments {
    relays = List.copyOf(relays);
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(relayPort, "relayPort");
    Objects.requireNonNull(apiPort, "apiPort");
    Objects.requireNonNull(apiBind, "apiBind");
    apiHosts = List.copyOf(apiHosts);
    Objects.requireNonNull(redundancy, "redundancy");
  }

  /** The arguments of {@code --help}. */
  static Arguments helpRequested() {
    return new Arguments(true, null, List.of(), Optional.empty(), OptionalInt.empty(),
        OptionalInt.empty(), Optional.empty(), List.of(), OptionalInt.empty());
  }
}

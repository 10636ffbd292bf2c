package io.parley.relay;

import io.parley.protocol.transport.RelayAddress;
import io.parley.protocol.transport.RelayIdentity;
import io.parley.relay.config.ConfigFile;
import io.parley.relay.config.RelayConfig;
import io.parley.relay.identity.RelayIdentityFiles;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/** Creates a relay's data directory: identity, certificates and relay.properties. Stateless. */
public final class RelayInit {
  private RelayInit() {}

  /**
   * Generates a fresh identity in {@code dataDir/identity} and writes relay.properties.
   *
   * @return the address clients will use
   * @throws IllegalArgumentException if host or port cannot form a relay address (checked
   *     before anything is written)
   * @throws FileAlreadyExistsException if an identity is already there (it is never replaced:
   *     that would change the relay's address and strand every queue on it)
   */
  public static RelayAddress init(Path dataDir, String host, int port) throws IOException {
    Path identityDir = dataDir.resolve(RelayConfig.IDENTITY_DIR);
    if (Files.exists(identityDir)) {
      throw new FileAlreadyExistsException(identityDir.toString(), null,
          "a relay identity already exists; refusing to overwrite it");
    }
    RelayIdentity identity = RelayIdentity.generate(Clock.systemUTC());
    RelayAddress address = new RelayAddress(identity.keyHash(), host, port);
    RelayIdentityFiles.save(identity, identityDir);
    if (!Files.exists(dataDir.resolve(ConfigFile.FILE_NAME))) {
      ConfigFile.write(dataDir, host, port);
    }
    return address;
  }
}

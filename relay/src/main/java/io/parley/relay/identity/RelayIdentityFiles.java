package io.parley.relay.identity;

import io.parley.protocol.transport.RelayIdentity;
import io.parley.protocol.transport.RelayIdentityPem;
import io.parley.protocol.transport.RelayIdentityPemException;
import io.parley.transport.files.AtomicFiles;
import io.parley.transport.files.OwnerOnlyFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * A relay identity on disk: {@code identity.crt}, {@code identity.key}, {@code online.crt} and
 * {@code online.key} as PEM in one directory. The protocol encodes and checks
 * ({@link RelayIdentityPem}); this class only reads and writes the files. Not safe against
 * concurrent saves to one directory. Stateless.
 */
public final class RelayIdentityFiles {
  private RelayIdentityFiles() {}

  /**
   * Writes the four files into {@code dir} (created with mode 0700 if needed). Each file is
   * written to a temporary file and moved into place with POSIX mode 0600 where the file system
   * supports it: the certificates are public (their hash is in the address) but nobody else on
   * the machine needs to read them, so everything the relay writes is owner-only.
   */
  public static void save(RelayIdentity identity, Path dir) throws IOException {
    OwnerOnlyFiles.createDirectory(dir);
    for (Map.Entry<RelayIdentityPem.Part, String> e : RelayIdentityPem.encode(identity)
        .entrySet()) {
      AtomicFiles.writeAscii(dir.resolve(e.getKey().fileName()), e.getValue(), true);
    }
  }

  /**
   * Reads what {@link #save} wrote and checks that keys match certificates and that the online
   * certificate is signed by the identity key.
   *
   * @throws NoSuchFileException naming the file, if one is missing
   * @throws IOException naming the file, if one is unreadable or inconsistent
   */
  public static RelayIdentity load(Path dir) throws IOException {
    Map<RelayIdentityPem.Part, String> texts = new EnumMap<>(RelayIdentityPem.Part.class);
    for (RelayIdentityPem.Part part : RelayIdentityPem.Part.values()) {
      Path file = dir.resolve(part.fileName());
      try {
        texts.put(part, Files.readString(file, StandardCharsets.US_ASCII));
      } catch (NoSuchFileException e) {
        throw new NoSuchFileException(file.toString(), null, "relay identity file is missing");
      }
    }
    try {
      return RelayIdentityPem.decode(texts);
    } catch (RelayIdentityPemException e) {
      throw new IOException("relay identity file " + dir.resolve(e.part().fileName()) + " "
          + e.problem(), e);
    }
  }
}

package io.parley.sdk;

import io.parley.sdk.error.ForbiddenException;
import io.parley.sdk.error.ParleyConfigException;
import io.parley.sdk.error.UnauthorizedException;
import io.parley.sdk.model.Profile;
import io.parley.sdk.model.TokenScope;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Binds a bot to its own profile: the first start creates the profile (or, when one of that
 * name exists but its token was lost, a new token of it) through the owner token and keeps the
 * profile's token in a file; later starts read the file. A token the daemon no longer accepts
 * (the profile was deleted) is replaced the same way. The file is written atomically with mode
 * 0600, so a crash never leaves a partial token; a crash between creating the profile and
 * writing the file is healed by the next start, which finds the profile by name. Stateless.
 */
final class ProfileLogin {
  private static final System.Logger LOG = System.getLogger(ProfileLogin.class.getName());
  /** Name of the token that ties a bot to its profile. */
  static final String TOKEN_NAME = "profile";
  private static final boolean POSIX =
      FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

  private ProfileLogin() {}

  /** Where a profile's token is kept when the bot is not told: beside the owner's token. */
  static Path defaultTokenFile(ParleyClient owner, String profileName) {
    Path ownerFile = owner.config().tokenFile().orElseThrow(() -> new ParleyConfigException(
        "a bot with a profile keeps the profile's token in a file: give its path with"
            + " the profile settings, or read the owner token from a file"));
    String slug = profileName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "_");
    Path dir = ownerFile.toAbsolutePath().getParent();
    return dir.resolve("profile-" + slug + ".token");
  }

  /** A client acting in profile {@code name}, creating the profile on first use. */
  static ParleyClient open(ParleyClient owner, String name, String description,
      Path tokenFile) {
    List<Profile> visible = owner.profiles().list();
    if (visible.size() == 1 && !visible.get(0).isDefault()) {
      // The client's token is a profile's own already: it runs in that profile.
      return owner;
    }
    Optional<ParleyClient> saved = saved(owner, name, tokenFile);
    if (saved.isPresent()) {
      return saved.get();
    }
    Optional<Profile> existing = owner.profiles().byName(name);
    String token;
    try {
      if (existing.isPresent()) {
        LOG.log(Level.INFO, "profile exists without a saved token; making a new token of it");
        token = owner.profiles().createToken(existing.get().id(), TokenScope.ADMIN, TOKEN_NAME)
            .token();
      } else {
        token = owner.profiles().create(name, description).token().token();
      }
    } catch (ForbiddenException e) {
      // A scoped token of the default profile cannot make profiles: it acts in its own.
      LOG.log(Level.WARNING, "the token given is not the owner token and cannot create the"
          + " profile; running in the token's own profile, which others may share");
      return owner;
    }
    write(tokenFile, token);
    return owner.withToken(token);
  }

  private static Optional<ParleyClient> saved(ParleyClient owner, String name, Path file) {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    String token;
    try {
      token = Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new ParleyConfigException("cannot read the profile token file " + file + ": "
          + e.getClass().getSimpleName(), e);
    }
    if (token.isEmpty()) {
      return Optional.empty();
    }
    ParleyClient client = owner.withToken(token);
    try {
      // A profile's token sees its own profile only (renamed since, it is still the bot's).
      List<Profile> mine = client.profiles().list();
      if (mine.size() == 1 && !mine.get(0).isDefault()) {
        return Optional.of(client);
      }
      throw new ParleyConfigException("the profile token file " + file + " holds a token that"
          + " is not a profile's own (the owner token?)");
    } catch (UnauthorizedException e) {
      LOG.log(Level.INFO, "the saved profile token is no longer accepted; making a new one");
      return Optional.empty();
    }
  }

  private static void write(Path file, String token) {
    try {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      FileAttribute<?>[] attrs = POSIX
          ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
              PosixFilePermissions.fromString("rw-------"))}
          : new FileAttribute<?>[0];
      Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp", attrs);
      try {
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
          ch.write(StandardCharsets.UTF_8.encode(token + "\n"));
          ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new ParleyConfigException("cannot write the profile token file " + file + ": "
          + e.getClass().getSimpleName(), e);
    }
  }
}

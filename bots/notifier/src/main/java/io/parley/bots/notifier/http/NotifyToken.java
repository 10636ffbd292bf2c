package io.parley.bots.notifier.http;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The secret alert sources present to the receiver. Either given (the
 * {@code PARLEY_NOTIFY_TOKEN} variable) or generated once into {@value #FILE_NAME} in the data
 * directory: {@value #TOKEN_BYTES} random bytes, base64url, written to a 0600 temporary file that
 * is then renamed into place, so a reader never sees a partial token. Comparison is constant
 * time. {@link #toString()} never shows the token. Immutable and thread-safe.
 */
public final class NotifyToken {
  /** The generated token's file name inside the data directory. */
  public static final String FILE_NAME = "notify.token";
  /** Randomness in a generated token: 256 bits. UNIT: bytes. */
  public static final int TOKEN_BYTES = 32;
  /** Shortest token accepted from the environment or the file. UNIT: characters. */
  public static final int MIN_TOKEN_CHARS = 16;
  /** Longest token accepted. UNIT: characters. */
  public static final int MAX_TOKEN_CHARS = 512;
  private static final Pattern VALID = Pattern.compile("[\\x21-\\x7e]{"
      + MIN_TOKEN_CHARS + "," + MAX_TOKEN_CHARS + "}");
  private static final System.Logger LOG = System.getLogger(NotifyToken.class.getName());
  private static final SecureRandom RANDOM = new SecureRandom();

  private final byte[] digest;

  private NotifyToken(String value) {
    this.digest = sha256(value);
  }

  /** Whether {@code value} is an acceptable token: {@value #MIN_TOKEN_CHARS}+ visible ASCII. */
  public static boolean isValid(String value) {
    return value != null && VALID.matcher(value).matches();
  }

  /**
   * A token given by the operator.
   *
   * @throws IllegalArgumentException if {@link #isValid} is false; check first
   */
  public static NotifyToken of(String value) {
    if (!isValid(value)) {
      throw new IllegalArgumentException("not a valid notify token");
    }
    return new NotifyToken(value);
  }

  /**
   * Reads {@code dataDir/}{@value #FILE_NAME}, creating it with a fresh token if it is missing.
   *
   * @throws IOException the file cannot be read or written, or holds no valid token
   */
  public static NotifyToken loadOrCreate(Path dataDir) throws IOException {
    Path file = dataDir.resolve(FILE_NAME);
    if (!Files.exists(file)) {
      byte[] raw = new byte[TOKEN_BYTES];
      RANDOM.nextBytes(raw);
      writeAtomically(file, Base64.getUrlEncoder().withoutPadding().encodeToString(raw));
    }
    warnIfShared(file);
    String value = Files.readString(file, StandardCharsets.US_ASCII).strip();
    if (!isValid(value)) {
      throw new IOException(FILE_NAME + " does not hold a valid token (" + MIN_TOKEN_CHARS
          + "-" + MAX_TOKEN_CHARS + " visible ASCII characters); delete it to get a new one");
    }
    return new NotifyToken(value);
  }

  /** Constant-time check of a presented token. */
  public boolean matches(String presented) {
    return presented != null && MessageDigest.isEqual(digest, sha256(presented));
  }

  @Override
  public String toString() {
    return "NotifyToken[redacted]";
  }

  private static void writeAtomically(Path file, String token) throws IOException {
    Path tmp = file.resolveSibling(FILE_NAME + ".tmp-" + Long.toUnsignedString(
        RANDOM.nextLong(), 36));
    try {
      try {
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException e) {
        Files.createFile(tmp);
      }
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ch.write(ByteBuffer.wrap((token + "\n").getBytes(StandardCharsets.US_ASCII)));
        ch.force(true);
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static void warnIfShared(Path file) {
    try {
      Set<PosixFilePermission> p = Files.getPosixFilePermissions(file);
      if (p.contains(PosixFilePermission.GROUP_READ)
          || p.contains(PosixFilePermission.OTHERS_READ)) {
        LOG.log(Level.WARNING, FILE_NAME + " is readable by other users; chmod 600 it");
      }
    } catch (UnsupportedOperationException | IOException e) {
      // Not a POSIX file system, or unreadable: the read that follows reports the latter.
    }
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}

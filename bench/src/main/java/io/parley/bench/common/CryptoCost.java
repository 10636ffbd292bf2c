package io.parley.bench.common;

import io.parley.protocol.crypto.CryptoException;
import io.parley.protocol.crypto.X25519;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * What the machine's unavoidable work costs, measured in this JVM at the start of a run so a
 * benchmark can state its CPU per message as a multiple of it: one AES-256-GCM pass with the
 * JDK's cipher (the relay's re-encryption and the agents' layers use it; TLS does the same
 * work) and one small write made durable with fsync. CPU time of the measuring thread, so
 * other processes on the machine do not inflate it.
 */
public final class CryptoCost {
  /** Passes before measuring: C2 compiles the GHASH and AES intrinsics on the way. */
  public static final int WARMUP_PASSES = 4_000;
  /** Passes measured in each round. */
  public static final int MEASURED_PASSES = 2_000;
  /** Rounds; the cheapest is kept (a round the scheduler cut into is not the cipher's cost). */
  public static final int ROUNDS = 3;
  /** A SQLite WAL page, what a commit writes at the least. UNIT: bytes. */
  public static final int FSYNC_WRITE_BYTES = 4_096;
  /** fsyncs measured. */
  public static final int FSYNCS = 50;

  private static final int GCM_TAG_BITS = 128;
  private static final int GCM_NONCE_BYTES = 12;
  private static final int AES_256_KEY_BYTES = 32;

  private CryptoCost() {}

  /** CPU and wall time of one fsync'ed write. UNIT: nanoseconds. */
  public record Fsync(double cpuNanos, double wallNanos) {}

  /**
   * CPU time of one AES-256-GCM seal over {@code bytes} with the JDK's cipher on heap arrays,
   * after warm-up. UNIT: nanoseconds.
   */
  public static double aesGcmNanos(int bytes) {
    try {
      Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
      SecretKeySpec key = new SecretKeySpec(new byte[AES_256_KEY_BYTES], "AES");
      byte[] in = new byte[bytes];
      byte[] out = new byte[bytes + GCM_TAG_BITS / 8];
      byte[] nonce = new byte[GCM_NONCE_BYTES];
      long counter = 0;
      for (int i = 0; i < WARMUP_PASSES; i++) {
        seal(gcm, key, nonce, ++counter, in, out);
      }
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      double best = Double.MAX_VALUE;
      for (int r = 0; r < ROUNDS; r++) {
        long start = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < MEASURED_PASSES; i++) {
          seal(gcm, key, nonce, ++counter, in, out);
        }
        best = Math.min(best,
            (threads.getCurrentThreadCpuTime() - start) / (double) MEASURED_PASSES);
      }
      return best;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable in this JDK", e);
    }
  }

  /**
   * CPU time of one X25519 agreement on the engine this JVM uses ({@code X25519.engine()}),
   * after warm-up. UNIT: nanoseconds.
   */
  public static double x25519Nanos() {
    X25519.KeyPair peer = X25519.generate();
    byte[] scalar = X25519.generate().privateKey();
    for (int i = 0; i < WARMUP_PASSES / 4; i++) {
      agree(scalar, peer.publicKey(), i);
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    double best = Double.MAX_VALUE;
    int passes = MEASURED_PASSES / 4;
    for (int r = 0; r < ROUNDS; r++) {
      long start = threads.getCurrentThreadCpuTime();
      for (int i = 0; i < passes; i++) {
        agree(scalar, peer.publicKey(), i);
      }
      best = Math.min(best, (threads.getCurrentThreadCpuTime() - start) / (double) passes);
    }
    return best;
  }

  private static void agree(byte[] scalar, byte[] peer, int pass) {
    scalar[1] = (byte) pass; // a new scalar each time, as each queue key is
    try {
      X25519.agree(scalar, peer);
    } catch (CryptoException e) {
      throw new IllegalStateException("X25519 refused a generated key", e);
    }
  }

  private static void seal(Cipher gcm, SecretKeySpec key, byte[] nonce, long counter, byte[] in,
      byte[] out) throws GeneralSecurityException {
    ByteBuffer.wrap(nonce).putLong(4, counter); // GCM refuses a nonce twice under one key
    gcm.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(GCM_TAG_BITS, nonce));
    gcm.doFinal(in, 0, in.length, out, 0);
  }

  /**
   * One {@link #FSYNC_WRITE_BYTES} write followed by fsync, in a scratch file under
   * {@code dir} (deleted after), averaged over {@link #FSYNCS}. CPU is the calling thread's,
   * kernel time included as the JVM reports it.
   */
  public static Fsync fsync(Path dir) throws IOException {
    Path file = Files.createTempFile(dir, "fsync-cost", ".tmp");
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ByteBuffer page = ByteBuffer.allocate(FSYNC_WRITE_BYTES);
      long cpu = threads.getCurrentThreadCpuTime();
      long wall = System.nanoTime();
      for (int i = 0; i < FSYNCS; i++) {
        page.clear();
        ch.write(page, (long) i * FSYNC_WRITE_BYTES);
        ch.force(false);
      }
      return new Fsync((threads.getCurrentThreadCpuTime() - cpu) / (double) FSYNCS,
          (System.nanoTime() - wall) / (double) FSYNCS);
    } finally {
      Files.deleteIfExists(file);
    }
  }
}

package io.parley.bench.ratchet;

import io.parley.protocol.agent.AgentLimits;
import io.parley.protocol.agent.AgentMessage;
import io.parley.protocol.ratchet.Ratchet;
import io.parley.protocol.ratchet.RatchetException;
import io.parley.protocol.ratchet.X3dhKeyPairs;
import io.parley.protocol.crypto.SecureRandoms;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * Measures the classic and the hybrid (ML-KEM-768) ratchet in the same run, on one thread, with
 * the agent's real sizes: a handshake (keys, confirmation each way, as docs/agent-protocol.md
 * section 5.1 and 8 do it), and 1 KB texts either all in one chain or with a ratchet step on
 * every message (the two sides take turns). Reports thread CPU time, so other load on the
 * machine inflates wall time but not the figures. A plain loop after a warm-up, not JMH.
 *
 * <pre>
 * java -cp bench/target/parley-bench.jar io.parley.bench.ratchet.PqBench [--pq on|off|both]
 *     [--handshakes N] [--messages N]
 * </pre>
 */
public final class PqBench {
  /** Text length of the message runs, the agent bench's size. UNIT: bytes. */
  private static final int TEXT_BYTES = 1_024;
  private static final int DEFAULT_HANDSHAKES = 300;
  private static final int DEFAULT_MESSAGES = 3_000;
  /** Measured rounds after the warm-up. */
  private static final int ROUNDS = 3;
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private PqBench() {}

  public static void main(String[] args) throws Exception {
    String pq = "both";
    int handshakes = DEFAULT_HANDSHAKES;
    int messages = DEFAULT_MESSAGES;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--pq" -> pq = args[++i];
        case "--handshakes" -> handshakes = Integer.parseInt(args[++i]);
        case "--messages" -> messages = Integer.parseInt(args[++i]);
        default -> {
          System.err.println("usage: PqBench [--pq on|off|both] [--handshakes N] [--messages N]");
          System.exit(2);
        }
      }
    }
    System.out.printf(Locale.ROOT, "%s %s, %d cores%n", System.getProperty("java.vm.name"),
        System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
    System.out.println("mode     handshake_us  msg_same_chain_us  msg_ratchet_step_us"
        + "  ratchet_msg_bytes(1KB)  max_text_bytes");
    java.util.List<Boolean> modes = new java.util.ArrayList<>();
    if (!pq.equals("on")) {
      modes.add(false);
    }
    if (!pq.equals("off")) {
      modes.add(true);
    }
    // Warm-up of every mode first (the shared code is then compiled for both), then
    // ROUNDS measured rounds alternating the modes, so drift on a shared machine hits both.
    for (boolean on : modes) {
      measure(on, handshakes, messages);
    }
    for (int round = 0; round < ROUNDS; round++) {
      for (boolean on : modes) {
        measure(on, handshakes, messages).print(on);
      }
    }
  }

  private record Result(double handshakeUs, double sameChainUs, double stepUs, int bytes) {
    void print(boolean pq) {
      System.out.printf(Locale.ROOT, "%-8s %12.0f %18.1f %20.1f %23d %15d%n",
          pq ? "pq" : "classic", handshakeUs, sameChainUs, stepUs, bytes,
          AgentLimits.maxTextBytes(pq));
    }
  }

  private static Result measure(boolean pq, int handshakes, int messages) throws Exception {
    long t0 = cpu();
    for (int i = 0; i < handshakes; i++) {
      handshake(pq);
    }
    double handshakeUs = (cpu() - t0) / 1_000.0 / handshakes;
    Ratchet[] pair = handshake(pq);
    byte[] text = new AgentMessage(1, new byte[0],
        new AgentMessage.Text("x".repeat(TEXT_BYTES))).encode();
    int padded = AgentLimits.messagePaddedBytes(text.length, pq);
    int bytes = pair[0].encrypt(text, padded).length;
    pair = handshake(pq);
    long t1 = cpu();
    for (int i = 0; i < messages; i++) {
      pair[1].decrypt(pair[0].encrypt(text, padded));
    }
    double sameChainUs = (cpu() - t1) / 1_000.0 / messages;
    long t2 = cpu();
    for (int i = 0; i < messages; i++) {
      Ratchet from = pair[i % 2];
      Ratchet to = pair[1 - i % 2];
      to.decrypt(from.encrypt(text, padded));
    }
    double stepUs = (cpu() - t2) / 1_000.0 / messages;
    return new Result(handshakeUs, sameChainUs, stepUs, bytes);
  }

  /**
   * Both sides' keys, the joiner's confirmation (connection info padded as the agent pads it)
   * and the inviter's answer: after it both can send. Returns {joiner, inviter}.
   */
  private static Ratchet[] handshake(boolean pq) throws RatchetException {
    byte[] info = new byte[600];
    int infoPadded = AgentLimits.connInfoPaddedBytes(pq);
    X3dhKeyPairs inviterKeys = X3dhKeyPairs.generate(pq, SecureRandoms.get());
    X3dhKeyPairs joinerKeys = X3dhKeyPairs.generate();
    Ratchet joiner;
    Ratchet inviter;
    byte[] confirmation;
    if (pq) {
      Ratchet.JoinerStart start = Ratchet.initJoinerPq(joinerKeys, inviterKeys.publicKeys(),
          inviterKeys.kemPublicKey());
      joiner = start.ratchet();
      confirmation = joiner.encrypt(info, infoPadded);
      inviter = Ratchet.initInviterPq(inviterKeys, joinerKeys.publicKeys(),
          start.kemCiphertext());
    } else {
      joiner = Ratchet.initJoiner(joinerKeys, inviterKeys.publicKeys());
      confirmation = joiner.encrypt(info, infoPadded);
      inviter = Ratchet.initInviter(inviterKeys, joinerKeys.publicKeys());
    }
    inviter.decrypt(confirmation);
    joiner.decrypt(inviter.encrypt(info, infoPadded));
    return new Ratchet[] {joiner, inviter};
  }

  private static long cpu() {
    return THREADS.getCurrentThreadCpuTime();
  }
}

package io.parley.bench.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.bench.common.HelpAndVersion;
import io.parley.bench.common.UsageException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The RabbitMQ load client's command line; the runs themselves are bench/peers/rabbitmq.sh's. */
class RabbitLoadCommandLineTest {
  @Test
  void helpAndVersionExitZeroWithoutRunning() {
    HelpAndVersion.assertAnsweredWithoutRunning("RabbitLoad", RabbitOptions.Flags::new,
        RabbitOptions::from);
  }

  @Test
  void theDefaultsAreTheRelaysShapeOnAQuorumQueue() throws Exception {
    RabbitOptions o = RabbitOptions.parse();
    assertEquals(16_384, o.bytes());
    assertEquals(8, o.pairs());
    assertEquals(32, o.window());
    assertEquals("quorum", o.queueType());
    assertEquals(null, o.caCert());
  }

  @Test
  void theAgentsShapeAndAPinnedCertificateParse() throws Exception {
    RabbitOptions o = RabbitOptions.parse("--bytes", "1024", "--pairs", "16", "--window", "64",
        "--ca-cert", "/tmp/cert.pem", "--queue-type", "classic");
    assertEquals(1_024, o.bytes());
    assertEquals(16, o.pairs());
    assertEquals(64, o.window());
    assertEquals(Path.of("/tmp/cert.pem"), o.caCert());
    assertEquals("classic", o.queueType());
  }

  @Test
  void anUnknownQueueTypeIsAUsageErrorNamingTheFlag() {
    UsageException e = assertThrows(UsageException.class,
        () -> RabbitOptions.parse("--queue-type", "stream"));
    assertTrue(e.getMessage().contains("--queue-type"), e.getMessage());
  }
}

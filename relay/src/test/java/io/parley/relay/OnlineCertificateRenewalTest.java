package io.parley.relay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.protocol.command.QueueMode;
import io.parley.protocol.command.Response;
import io.parley.protocol.transport.RelayIdentity;
import io.parley.relay.client.BlockingRelayClient;
import io.parley.relay.client.ClientQueue;
import io.parley.relay.config.RelayConfig;
import io.parley.relay.identity.RelayIdentityFiles;
import io.parley.relay.testing.RelayFixture;
import io.parley.testkit.LeakCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(LeakCheck.class)
class OnlineCertificateRenewalTest {
  @TempDir Path dir;

  @Test
  void aRelayStartedWithinAMonthOfItsOnlineCertificatesExpiryRenewsItUnderTheSameAddress()
      throws Exception {
    Path identityDir = dir.resolve(RelayConfig.IDENTITY_DIR);
    RelayIdentity original = RelayIdentity.generate(Clock.systemUTC());
    RelayIdentityFiles.save(original, identityDir);
    Instant late = original.onlineCertificateNotAfter().minus(Duration.ofDays(10));

    try (Relay relay = Relay.start(RelayFixture.config(dir)
        .clock(Clock.fixed(late, ZoneOffset.UTC)).build())) {
      assertEquals(original.keyHash(), relay.address().keyHash(), "the address is unchanged");
    }

    RelayIdentity renewed = RelayIdentityFiles.load(identityDir); // checks the chain and the keys
    assertEquals(original.keyHash(), renewed.keyHash());
    assertTrue(renewed.onlineCertificateNotAfter().isAfter(late.plus(Duration.ofDays(360))),
        "valid for a year from the renewal: " + renewed.onlineCertificateNotAfter());
    assertFalse(Arrays.equals(original.onlineCertificate().getPublicKey().getEncoded(),
        renewed.onlineCertificate().getPublicKey().getEncoded()), "a fresh online key");
  }

  @Test
  void aRelayWithMonthsLeftOnItsOnlineCertificateKeepsItsFilesAsTheyAre() throws Exception {
    Path identityDir = dir.resolve(RelayConfig.IDENTITY_DIR);
    RelayIdentityFiles.save(RelayIdentity.generate(Clock.systemUTC()), identityDir);
    byte[] before = Files.readAllBytes(identityDir.resolve("online.crt"));

    try (Relay relay = Relay.start(RelayFixture.config(dir).build())) {
      assertTrue(relay.port() > 0);
    }

    assertArrayEquals(before, Files.readAllBytes(identityDir.resolve("online.crt")));
  }

  @Test
  void clientsAcceptARenewedOnlineCertificateAtTheOldAddress() throws Exception {
    Path identityDir = dir.resolve(RelayConfig.IDENTITY_DIR);
    RelayIdentity original = RelayIdentity.generate(Clock.systemUTC());
    RelayIdentityFiles.save(original.withNewOnlineCertificate(Instant.now()), identityDir);

    try (Relay relay = Relay.start(RelayFixture.config(dir).build());
        BlockingRelayClient c = BlockingRelayClient.connect(relay.address())) {
      assertEquals(original.keyHash(), relay.address().keyHash());
      ClientQueue q = c.createQueue(false, QueueMode.MESSAGING);
      assertInstanceOf(Response.Ok.class,
          c.request(c.sendMessage(q.senderId(), null, false, new byte[] {1})));
    }
  }
}

package io.parley.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.sdk.model.Profile;
import io.parley.sdk.testing.DaemonFixture;
import io.parley.sdk.testing.DaemonFixture.TestDaemon;
import io.parley.testkit.LeakCheck;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** ParleyClient.inProfile against a real daemon: made once, reused, and healed. */
@ExtendWith(LeakCheck.class)
class ProfileLoginTest {
  @Test
  void aProfileIsMadeOnceReusedFromItsFileAndHealedWhenTheFileOrTheProfileIsLost(
      @TempDir Path dir) throws Exception {
    try (DaemonFixture fx = new DaemonFixture(dir.resolve("net"))) {
      TestDaemon daemon = fx.daemon("host");
      ParleyClient owner = daemon.client();

      ParleyClient shop = owner.inProfile("Shop", "orders", null);
      Path file = daemon.tokenFile().resolveSibling("profile-shop.token");
      assertTrue(Files.exists(file), "kept beside the owner's token file");
      if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
        assertEquals("rw-------", PosixFilePermissions.toString(
            Files.getPosixFilePermissions(file)));
      }
      Profile made = shop.profiles().list().get(0);
      assertEquals("Shop", made.name());
      assertEquals("orders", made.description());
      shop.putAddress(true, null);

      // Again: the same profile, through the same token.
      ParleyClient again = owner.inProfile("Shop", "orders", null);
      assertEquals(shop.config().token(), again.config().token());
      assertEquals(2, owner.profiles().list().size());

      // The file is lost: a new token of the same profile, not a second profile.
      Files.delete(file);
      ParleyClient healed = owner.inProfile("Shop", "orders", null);
      assertNotEquals(shop.config().token(), healed.config().token());
      assertEquals(made.id(), healed.profiles().list().get(0).id());
      assertTrue(healed.address().isPresent(), "the profile kept its address");
      assertEquals(2, owner.profiles().list().size());

      // The profile is deleted: the saved token is refused and a new profile is made.
      owner.profiles().delete(made.id());
      ParleyClient remade = owner.inProfile("Shop", "orders", null);
      assertNotEquals(made.id(), remade.profiles().list().get(0).id());
      assertTrue(remade.address().isEmpty());

      // A client holding a profile's token is that profile already.
      assertSame(remade, remade.inProfile("Shop", null, dir.resolve("unused.token")));
      assertTrue(Files.notExists(dir.resolve("unused.token")));
    }
  }
}

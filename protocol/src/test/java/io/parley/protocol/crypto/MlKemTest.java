package io.parley.protocol.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class MlKemTest {
  @Test
  void thePublicKeyCopiedOutOfAPrivateKeyIsTheOneGeneratedWithItAndEncapsulatesToIt()
      throws Exception {
    SecureRandom random = new SecureRandom();
    for (int i = 0; i < 20; i++) {
      MlKem.KeyPair pair = MlKem.generate(random);
      byte[] embedded = MlKem.publicKeyOf(pair.privateKey());
      assertArrayEquals(pair.publicKey(), embedded);
      MlKem.Encapsulation e = MlKem.encapsulate(embedded, random);
      assertArrayEquals(e.secret(), MlKem.decapsulate(pair.privateKey(), e.ciphertext()));
    }
  }

  @Test
  void aPrivateKeyOfTheWrongLengthHasNoPublicKey() {
    assertThrows(CryptoException.class, () -> MlKem.publicKeyOf(new byte[2399]));
    assertThrows(CryptoException.class, () -> MlKem.publicKeyOf(null));
  }
}

package io.parley.protocol.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.parley.protocol.testing.TestIdentities;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RelayAddressTest {
  /** A valid key hash: 32 bytes of 0xFB, which exercises the '-' and '_' base64url digits. */
  private static final String HASH = Base64.getUrlEncoder().withoutPadding()
      .encodeToString(filled(32, (byte) 0xFB));

  private static byte[] filled(int n, byte b) {
    byte[] out = new byte[n];
    Arrays.fill(out, b);
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      relay.example.com              | relay.example.com | 5223  | relay.example.com:5223
      relay.example.com:443          | relay.example.com | 443   | relay.example.com:443
      relay.example.com.             | relay.example.com.| 5223  | relay.example.com.:5223
      localhost:1                    | localhost         | 1     | localhost:1
      127.0.0.1:65535                | 127.0.0.1         | 65535 | 127.0.0.1:65535
      10.0.0.7                       | 10.0.0.7          | 5223  | 10.0.0.7:5223
      [::1]                          | ::1               | 5223  | [::1]:5223
      [2001:db8::8a2e:7334]:5224     | 2001:db8::8a2e:7334 | 5224 | [2001:db8::8a2e:7334]:5224
      [::ffff:192.0.2.1]:80          | ::ffff:192.0.2.1  | 80    | [::ffff:192.0.2.1]:80
      xn--bcher-kva.example          | xn--bcher-kva.example | 5223 | xn--bcher-kva.example:5223
      """)
  void validAddressesParseToHostPortAndACanonicalFormWithThePort(
      String hostPart, String host, int port, String canonicalHostPort) throws Exception {
    RelayAddress a = RelayAddress.parse("smp://" + HASH + "@" + hostPart);
    assertEquals(HASH, a.keyHash());
    assertEquals(host, a.host());
    assertEquals(port, a.port());
    assertEquals("smp://" + HASH + "@" + canonicalHostPort, a.toString());
    assertEquals(a, RelayAddress.parse(a.toString()));
  }

  @Test
  void keyHashBytesAreTheDecodedHash() throws Exception {
    RelayAddress a = RelayAddress.parse("smp://" + TestIdentities.relay().keyHash() + "@relay");
    assertArrayEquals(TestIdentities.relay().keyHashBytes(), a.keyHashBytes());
    assertEquals(RelayAddress.DEFAULT_PORT, a.port());
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', textBlock = """
      ''                                     | relay address is empty
      https://HASH@relay.example.com         | must start with smp://
      smp:/HASH@relay.example.com            | must start with smp://
      SMP://HASH@relay.example.com           | must start with smp://
      smp://relay.example.com                | has no key hash
      smp://@relay.example.com               | empty key hash
      smp://HASH=@relay.example.com          | base64url without padding
      smp://HA+SH@relay.example.com          | base64url without padding
      smp://AAAA@relay.example.com           | must decode to 32 bytes, got 3
      smp://HASHAAAA@relay.example.com       | must decode to 32 bytes, got 35
      smp://HASHAA@relay.example.com         | not valid base64url
      smp://HASH@                            | has no host
      smp://HASH@:5223                       | has no host
      smp://HASH@relay..example.com          | must be a DNS name
      smp://HASH@-relay.example.com          | must be a DNS name
      smp://HASH@relay_1.example.com         | must be a DNS name
      smp://HASH@relay.example.com/path      | must be a DNS name
      smp://HASH@user@relay.example.com      | must be a DNS name
      smp://HASH@relay.example.com:          | port must be a number
      smp://HASH@relay.example.com:0         | port must be a number from 1 to 65535
      smp://HASH@relay.example.com:65536     | port must be a number from 1 to 65535
      smp://HASH@relay.example.com:99999999  | port must be a number
      smp://HASH@relay.example.com:-1        | port must be a number
      smp://HASH@relay.example.com:12ab      | port must be a number
      smp://HASH@relay.example.com:5223/     | port must be a number
      smp://HASH@::1                         | IPv6 address in [brackets]
      smp://HASH@[::1                        | unclosed IPv6 bracket
      smp://HASH@[::1]x                      | unexpected characters after the IPv6 address
      smp://HASH@[relay.example.com]         | invalid IPv6 address
      smp://HASH@[1.2.3.4]                   | invalid IPv6 address
      smp://HASH@[::1::2]                    | invalid IPv6 address
      smp://HASH@[]                          | invalid IPv6 address
      smp://HASH@[fe80::1%eth0]              | invalid IPv6 address
      smp://HASH@999.1.1.1                   | invalid IPv4 address
      smp://HASH@1.2.3                       | invalid IPv4 address
      """)
  void invalidAddressesAreRefusedWithAMessageSayingWhatIsWrong(String uri, String expected) {
    InvalidRelayAddressException e = assertThrows(InvalidRelayAddressException.class,
        () -> RelayAddress.parse(uri.replace("HASH", HASH)));
    assertContains(e.getMessage(), expected);
  }

  @Test
  void aKeyHashWithNonZeroUnusedBitsIsRefusedSoEachHashHasOneSpelling() {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    char last = HASH.charAt(HASH.length() - 1);
    // The last of 43 characters carries 4 bits of the hash and 2 unused bits.
    char sameBytes = alphabet.charAt(alphabet.indexOf(last) ^ 1);
    String variant = HASH.substring(0, HASH.length() - 1) + sameBytes;
    assertArrayEquals(Base64.getUrlDecoder().decode(HASH), Base64.getUrlDecoder().decode(variant));
    InvalidRelayAddressException e = assertThrows(InvalidRelayAddressException.class,
        () -> RelayAddress.parse("smp://" + variant + "@relay"));
    assertContains(e.getMessage(), "not canonical");
  }

  @Test
  void nullAndOverlongInputAreRefusedWithoutWorkProportionalToTheirSize() {
    assertThrows(InvalidRelayAddressException.class, () -> RelayAddress.parse(null));
    String huge = "smp://" + HASH + "@" + "a.".repeat(100_000) + "com";
    InvalidRelayAddressException e =
        assertThrows(InvalidRelayAddressException.class, () -> RelayAddress.parse(huge));
    assertContains(e.getMessage(), "longer than 512 characters");
  }

  @Test
  void theConstructorRefusesAnOutOfRangePort() {
    assertThrows(IllegalArgumentException.class, () -> new RelayAddress(HASH, "relay", 0));
    assertThrows(IllegalArgumentException.class, () -> new RelayAddress(HASH, "", 1));
  }

  private static void assertContains(String actual, String expected) {
    if (!actual.contains(expected)) {
      throw new AssertionError("message '" + actual + "' does not contain '" + expected + "'");
    }
  }
}

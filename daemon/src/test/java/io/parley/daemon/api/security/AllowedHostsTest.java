package io.parley.daemon.api.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class AllowedHostsTest {
  @Test
  void loopbackNamesWithTheExactPortAreAllowedAndNothingElse() throws Exception {
    AllowedHosts h = AllowedHosts.of(InetAddress.getLoopbackAddress(), 7780, List.of());
    assertTrue(h.allowsHost("127.0.0.1:7780"));
    assertTrue(h.allowsHost("LOCALHOST:7780"));
    assertTrue(h.allowsHost("[::1]:7780"));
    assertFalse(h.allowsHost("127.0.0.1"));
    assertFalse(h.allowsHost("127.0.0.1:7781"));
    assertFalse(h.allowsHost("attacker.example:7780"));
    assertFalse(h.allowsHost(null));
    assertTrue(h.allowsOrigin("http://localhost:7780"));
    assertFalse(h.allowsOrigin("https://localhost:7780"));
    assertFalse(h.allowsOrigin("null"));
  }

  @Test
  void aSpecificNonLoopbackBindAndConfiguredNamesAreAddedButAWildcardIsNot() throws Exception {
    AllowedHosts lan = AllowedHosts.of(InetAddress.getByName("192.0.2.7"), 7780,
        List.of("parley.lan"));
    assertTrue(lan.allowsHost("192.0.2.7:7780"));
    assertTrue(lan.allowsHost("parley.lan:7780"));
    AllowedHosts any = AllowedHosts.of(InetAddress.getByName("0.0.0.0"), 7780, List.of());
    assertFalse(any.allowsHost("0.0.0.0:7780"));
    assertFalse(any.allowsHost("192.0.2.7:7780"));
  }
}

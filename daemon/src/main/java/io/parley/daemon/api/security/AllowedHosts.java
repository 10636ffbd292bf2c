package io.parley.daemon.api.security;

import java.net.InetAddress;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code Host} values the API answers to: the loopback names with the listening port, the
 * bind address when it is a specific one, and any names configured for a non-loopback bind.
 * Anything else is a request meant for another server, or a DNS-rebinding attack (421).
 * Immutable.
 */
public final class AllowedHosts {
  private static final List<String> LOOPBACK_NAMES = List.of("localhost", "127.0.0.1", "[::1]");

  private final Set<String> hosts;
  private final Set<String> origins;

  private AllowedHosts(Set<String> hosts, Set<String> origins) {
    this.hosts = hosts;
    this.origins = origins;
  }

  /**
   * @param bind the address the server listens on
   * @param port the port it listens on
   * @param extraNames further host names (without port) accepted, for a non-loopback bind
   */
  public static AllowedHosts of(InetAddress bind, int port, List<String> extraNames) {
    Set<String> names = new LinkedHashSet<>(LOOPBACK_NAMES);
    if (!bind.isAnyLocalAddress() && !bind.isLoopbackAddress()) {
      String literal = bind.getHostAddress();
      names.add(literal.contains(":") ? "[" + literal + "]" : literal);
    }
    for (String n : extraNames) {
      names.add(n.toLowerCase(Locale.ROOT));
    }
    Set<String> hosts = new LinkedHashSet<>();
    Set<String> origins = new LinkedHashSet<>();
    for (String n : names) {
      hosts.add(n + ":" + port);
      origins.add("http://" + n + ":" + port);
    }
    return new AllowedHosts(Set.copyOf(hosts), Set.copyOf(origins));
  }

  /** Whether a {@code Host} header value names this server. */
  public boolean allowsHost(String host) {
    return host != null && hosts.contains(host.toLowerCase(Locale.ROOT));
  }

  /** Whether an {@code Origin} header value is this server itself. */
  public boolean allowsOrigin(String origin) {
    return origin != null && origins.contains(origin.toLowerCase(Locale.ROOT));
  }
}

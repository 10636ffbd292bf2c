package io.parley.protocol.transport;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Where a relay is and which identity it must prove: {@code smp://<keyHash>@<host>[:<port>]}
 * (docs/protocol.md section 4.1). {@code host} is kept without IPv6 brackets, ready for a
 * socket. Immutable; the key hash is public, so {@link #toString()} may print it.
 *
 * @param keyHash base64url without padding of SHA-256(DER(identity certificate)), 43 chars
 * @param host a DNS name, an IPv4 address or an IPv6 address (no brackets)
 * @param port TCP port, 1..65535
 */
public record RelayAddress(String keyHash, String host, int port) {
  /** Port used when an address names none. */
  public static final int DEFAULT_PORT = 5223;
  /** URI scheme of relay addresses. */
  public static final String SCHEME = "smp://";
  /** Raw key hash length. UNIT: bytes. */
  public static final int KEY_HASH_BYTES = 32;
  /** Longest DNS name accepted (RFC 1035). UNIT: characters. */
  public static final int MAX_HOST_CHARS = 253;
  /** Longest address string accepted, so parsing hostile input stays cheap. UNIT: characters. */
  public static final int MAX_ADDRESS_CHARS = 512;

  private static final int MAX_PORT = 65_535;
  private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]+");
  private static final Pattern DNS_LABEL =
      Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
  private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");
  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,5}");

  /** Checks the components; {@link #parse} is the way to build one from untrusted text. */
  public RelayAddress {
    if (keyHash == null || host == null || host.isEmpty()) {
      throw new IllegalArgumentException("key hash and host are required");
    }
    if (port < 1 || port > MAX_PORT) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
  }

  /**
   * Parses and validates a relay address. The key hash must be base64url without padding of
   * exactly 32 bytes; the port defaults to {@link #DEFAULT_PORT}.
   */
  public static RelayAddress parse(String uri) throws InvalidRelayAddressException {
    if (uri == null || uri.isEmpty()) {
      throw new InvalidRelayAddressException("relay address is empty");
    }
    if (uri.length() > MAX_ADDRESS_CHARS) {
      throw new InvalidRelayAddressException("relay address is longer than "
          + MAX_ADDRESS_CHARS + " characters");
    }
    if (!uri.startsWith(SCHEME)) {
      throw new InvalidRelayAddressException("relay address must start with " + SCHEME);
    }
    String rest = uri.substring(SCHEME.length());
    int at = rest.indexOf('@');
    if (at < 0) {
      throw new InvalidRelayAddressException(
          "relay address has no key hash (expected smp://<keyHash>@<host>)");
    }
    String keyHash = rest.substring(0, at);
    checkKeyHash(keyHash);
    String hostPort = rest.substring(at + 1);
    String host;
    String portText = null;
    if (hostPort.startsWith("[")) {
      int close = hostPort.indexOf(']');
      if (close < 0) {
        throw new InvalidRelayAddressException("relay address has an unclosed IPv6 bracket");
      }
      host = hostPort.substring(1, close);
      checkIpv6(host);
      String after = hostPort.substring(close + 1);
      if (!after.isEmpty()) {
        if (after.charAt(0) != ':') {
          throw new InvalidRelayAddressException(
              "unexpected characters after the IPv6 address in relay address");
        }
        portText = after.substring(1);
      }
    } else {
      int colon = hostPort.indexOf(':');
      if (colon >= 0) {
        host = hostPort.substring(0, colon);
        portText = hostPort.substring(colon + 1);
      } else {
        host = hostPort;
      }
      checkHostName(host);
    }
    int port = portText == null ? DEFAULT_PORT : parsePort(portText);
    return new RelayAddress(keyHash, host, port);
  }

  /** The 32 raw bytes of the key hash. */
  public byte[] keyHashBytes() {
    return Base64.getUrlDecoder().decode(keyHash);
  }

  /** Canonical form, always with the port: {@code smp://keyHash@host:port}. */
  @Override
  public String toString() {
    String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    return SCHEME + keyHash + "@" + h + ":" + port;
  }

  private static void checkKeyHash(String keyHash) throws InvalidRelayAddressException {
    if (keyHash.isEmpty()) {
      throw new InvalidRelayAddressException("relay address has an empty key hash");
    }
    if (!BASE64URL.matcher(keyHash).matches()) {
      throw new InvalidRelayAddressException(
          "relay key hash must be base64url without padding");
    }
    byte[] raw;
    try {
      raw = Base64.getUrlDecoder().decode(keyHash);
    } catch (IllegalArgumentException e) {
      throw new InvalidRelayAddressException("relay key hash is not valid base64url");
    }
    if (raw.length != KEY_HASH_BYTES) {
      throw new InvalidRelayAddressException("relay key hash must decode to "
          + KEY_HASH_BYTES + " bytes, got " + raw.length);
    }
  }

  private static void checkIpv6(String host) throws InvalidRelayAddressException {
    if (!IPV6_CHARS.matcher(host).matches() || host.indexOf(':') < 0) {
      throw new InvalidRelayAddressException("relay address has an invalid IPv6 address");
    }
    try {
      // A bracketed literal is parsed, never looked up in DNS.
      InetAddress.getByName("[" + host + "]");
    } catch (UnknownHostException e) {
      throw new InvalidRelayAddressException("relay address has an invalid IPv6 address");
    }
  }

  private static void checkHostName(String host) throws InvalidRelayAddressException {
    if (host.isEmpty()) {
      throw new InvalidRelayAddressException("relay address has no host");
    }
    if (host.length() > MAX_HOST_CHARS) {
      throw new InvalidRelayAddressException("relay host name is too long");
    }
    String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    for (String label : name.split("\\.", -1)) {
      if (!DNS_LABEL.matcher(label).matches()) {
        throw new InvalidRelayAddressException(
            "relay host must be a DNS name, an IPv4 address or a bracketed IPv6 address");
      }
    }
  }

  private static int parsePort(String text) throws InvalidRelayAddressException {
    if (!DIGITS.matcher(text).matches()) {
      throw new InvalidRelayAddressException("relay port must be a number from 1 to 65535");
    }
    int port = Integer.parseInt(text);
    if (port < 1 || port > MAX_PORT) {
      throw new InvalidRelayAddressException("relay port must be a number from 1 to 65535");
    }
    return port;
  }
}

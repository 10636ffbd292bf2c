package io.parley.relay.cli;

import io.parley.protocol.transport.InvalidRelayAddressException;
import io.parley.protocol.transport.RelayAddress;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Accepts what a relay address accepts: a DNS name, IPv4, or a bracketed IPv6 address. */
final class HostConverter implements ITypeConverter<String> {
  /** A syntactically valid key hash, to check a host the way an address would. */
  private static final String ANY_KEY_HASH = "A".repeat(43);

  @Override
  public String convert(String value) {
    try {
      RelayAddress.parse(RelayAddress.SCHEME + ANY_KEY_HASH + "@" + value);
      return value;
    } catch (InvalidRelayAddressException e) {
      throw new TypeConversionException("must be a DNS name, an IPv4 address or a bracketed"
          + " IPv6 address, not '" + value + "'");
    }
  }
}

package io.parley.relay.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A port that goes into the relay address: 1 to 65535 (0 would pick one nobody can name). */
final class AddressPortConverter implements ITypeConverter<Integer> {
  @Override
  public Integer convert(String value) {
    String v = value.strip();
    if (v.matches("[0-9]{1,5}") && Integer.parseInt(v) >= 1 && Integer.parseInt(v) <= 0xFFFF) {
      return Integer.parseInt(v);
    }
    throw new TypeConversionException("must be a port from 1 to 65535 (it goes into the relay"
        + " address), not '" + value + "'");
  }
}

package io.parley.daemon.cli;

import io.parley.daemon.config.DaemonConfig;
import io.parley.protocol.transport.InvalidRelayAddressException;
import io.parley.protocol.transport.RelayAddress;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * picocli converters of {@code parleyd}'s option values. Their messages say what is expected and
 * never repeat the value: a mistyped flag could be followed by a secret (a link). Stateless.
 */
final class Converters {
  private Converters() {}

  /** A directory path. */
  static final class DirectoryPath implements ITypeConverter<Path> {
    @Override
    public Path convert(String value) {
      if (value.isBlank()) {
        throw new TypeConversionException("needs a directory");
      }
      try {
        return Path.of(value);
      } catch (InvalidPathException e) {
        throw new TypeConversionException("is not a valid path: " + e.getReason());
      }
    }
  }

  /** {@code smp://KEYHASH@HOST[:PORT]}. */
  static final class Relay implements ITypeConverter<RelayAddress> {
    @Override
    public RelayAddress convert(String value) {
      try {
        return RelayAddress.parse(value);
      } catch (InvalidRelayAddressException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** A TCP port from 0 (a free one) to 65535. */
  static final class AnyPort implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      return port(value, 0);
    }
  }

  /** A TCP port from 1 to 65535. */
  static final class FixedPort implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      return port(value, 1);
    }
  }

  /** A whole number of milliseconds. */
  static final class Millis implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
      String v = value.strip().replace("_", "");
      // Bounded digit count keeps Long.parseLong from overflowing.
      if (!v.matches("[0-9]{1,18}")) {
        throw new TypeConversionException("must be a whole number of milliseconds");
      }
      return Long.parseLong(v);
    }
  }

  /**
   * A switch, {@code on} or {@code off}, kept as text: picocli reads a Boolean option's value as
   * true/false before any converter sees it.
   */
  static final class OnOff implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      String v = value.strip();
      if (!v.equals("on") && !v.equals("off")) {
        throw new TypeConversionException("must be on or off");
      }
      return v;
    }
  }

  /** Receive queues per new connection, 1 to {@link DaemonConfig#MAX_REDUNDANCY}. */
  static final class Redundancy implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      String v = value.strip();
      if (!v.matches("[0-9]{1,2}") || Integer.parseInt(v) < 1
          || Integer.parseInt(v) > DaemonConfig.MAX_REDUNDANCY) {
        throw new TypeConversionException("must be a number from 1 to "
            + DaemonConfig.MAX_REDUNDANCY);
      }
      return Integer.parseInt(v);
    }
  }

  /**
   * A time span: {@code 0} (off), or a whole number followed by {@code ms}, {@code s},
   * {@code m}, {@code h} or {@code d}; in milliseconds.
   */
  static final class Interval implements ITypeConverter<Long> {
    private static final java.util.regex.Pattern FORM =
        java.util.regex.Pattern.compile("([0-9]{1,9})(ms|s|m|h|d)?");

    @Override
    public Long convert(String value) {
      java.util.regex.Matcher m = FORM.matcher(value.strip());
      if (!m.matches() || (m.group(2) == null && Long.parseLong(m.group(1)) != 0)) {
        throw new TypeConversionException("must be 0 or a number with a unit: ms, s, m, h or d"
            + " (for example 14d)");
      }
      long n = Long.parseLong(m.group(1));
      String unit = m.group(2) == null ? "ms" : m.group(2);
      return switch (unit) {
        case "s" -> n * 1_000;
        case "m" -> n * 60_000;
        case "h" -> n * 3_600_000;
        case "d" -> n * 86_400_000;
        default -> n;
      };
    }
  }

  /** Not blank. */
  static final class Text implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      if (value.isBlank()) {
        throw new TypeConversionException("must not be empty");
      }
      return value.strip();
    }
  }

  private static int port(String value, int min) {
    String v = value.strip();
    if (!v.matches("[0-9]{1,5}") || Integer.parseInt(v) < min
        || Integer.parseInt(v) > DaemonConfig.MAX_PORT) {
      throw new TypeConversionException("must be a port number from " + min + " to "
          + DaemonConfig.MAX_PORT);
    }
    return Integer.parseInt(v);
  }
}

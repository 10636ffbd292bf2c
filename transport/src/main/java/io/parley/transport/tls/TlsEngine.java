package io.parley.transport.tls;

import io.netty.handler.ssl.OpenSsl;
import java.util.Locale;

/**
 * Which TLS implementation a relay server or relay client runs: {@link #OPENSSL} is BoringSSL
 * through netty-tcnative, {@link #JDK} the JDK's SSLEngine, {@link #AUTO} the first when its
 * native library loads on this machine and the second otherwise.
 */
public enum TlsEngine {
  AUTO,
  OPENSSL,
  JDK;

  /**
   * The engine named {@code auto}, {@code openssl} or {@code jdk} (any case).
   *
   * @throws IllegalArgumentException naming the accepted values for anything else
   */
  public static TlsEngine parse(String name) {
    for (TlsEngine e : values()) {
      if (e.configName().equalsIgnoreCase(name.strip())) {
        return e;
      }
    }
    throw new IllegalArgumentException("TLS engine must be auto, openssl or jdk");
  }

  /** The name used in configuration files and flags. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** True if BoringSSL's native library loaded in this JVM. */
  public static boolean openSslAvailable() {
    return OpenSsl.isAvailable();
  }

  /**
   * The engine this setting runs here: never {@link #AUTO}.
   *
   * @throws TlsEngineUnavailableException if {@link #OPENSSL} was asked for and its native
   *     library does not load (the cause says why)
   */
  public TlsEngine resolve() throws TlsEngineUnavailableException {
    switch (this) {
      case AUTO:
        return openSslAvailable() ? OPENSSL : JDK;
      case OPENSSL:
        if (!openSslAvailable()) {
          throw new TlsEngineUnavailableException(
              "TLS engine openssl asked for, but BoringSSL does not load here",
              OpenSsl.unavailabilityCause());
        }
        return OPENSSL;
      default:
        return JDK;
    }
  }
}

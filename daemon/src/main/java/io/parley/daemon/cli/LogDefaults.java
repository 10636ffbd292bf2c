package io.parley.daemon.cli;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Logging levels {@code parleyd} sets when the operator has not configured logging: Quartz's
 * multi-line INFO banner at every start says nothing an operator needs, so its loggers are held
 * at WARNING. With {@code -Djava.util.logging.config.file} set nothing is changed. Not
 * thread-safe; call once at start.
 */
public final class LogDefaults {
  /** Logger namespace of the Quartz scheduler (through slf4j-jdk14). */
  static final String QUARTZ = "org.quartz";
  private static final String CONFIG_FILE_PROPERTY = "java.util.logging.config.file";

  /** java.util.logging holds loggers weakly; a collected logger would forget its level. */
  private static Logger quartz;

  private LogDefaults() {}

  /** Applies the defaults unless logging was configured by a file. */
  public static void apply() {
    if (System.getProperty(CONFIG_FILE_PROPERTY) != null) {
      return;
    }
    quartz = Logger.getLogger(QUARTZ);
    quartz.setLevel(Level.WARNING);
  }
}

package io.parley.launch.logging;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Configures java.util.logging (where {@code System.Logger} and slf4j-jdk14 go) for an entry
 * point: one handler on standard error with the chosen format and level, and library loggers
 * that print start-up banners at INFO (XNIO, JBoss, Undertow, Quartz) held at WARNING unless the
 * level asked for is DEBUG or TRACE. With {@code -Djava.util.logging.config.file} set it changes
 * nothing: the operator's file rules. Not thread-safe; call once at start.
 */
public final class LogSetup {
  /** Loggers whose INFO records are banners and version lines nobody operating Parley needs. */
  public static final List<String> QUIET_LOGGERS =
      List.of("org.xnio", "org.jboss", "io.undertow", "org.quartz");
  private static final String CONFIG_FILE_PROPERTY = "java.util.logging.config.file";

  /** java.util.logging holds loggers weakly; a collected logger would forget its level. */
  private static final List<Logger> HELD = new ArrayList<>();

  private LogSetup() {}

  /** Applies {@code format} and {@code level} unless logging was configured by a file. */
  public static void apply(LogFormat format, LogLevel level) {
    if (System.getProperty(CONFIG_FILE_PROPERTY) != null) {
      return;
    }
    Logger root = Logger.getLogger("");
    for (Handler h : root.getHandlers()) {
      root.removeHandler(h);
    }
    Handler console = new ConsoleHandler();
    console.setFormatter(format.formatter());
    console.setLevel(level.julLevel());
    root.addHandler(console);
    root.setLevel(level.julLevel());
    boolean verbose = level.julLevel().intValue() < Level.INFO.intValue();
    HELD.clear();
    for (String name : QUIET_LOGGERS) {
      Logger logger = Logger.getLogger(name);
      logger.setLevel(verbose ? null : Level.WARNING);
      HELD.add(logger);
    }
  }
}

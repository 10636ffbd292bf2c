package io.parley.launch.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class LogFormatsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static LogRecord record(String message, Throwable thrown, Object... params) {
    LogRecord r = new LogRecord(Level.WARNING, message);
    r.setLoggerName("io.parley.test");
    r.setParameters(params);
    r.setThrown(thrown);
    return r;
  }

  @Test
  void aJsonLineParsesAndCarriesTimeLevelLoggerMessageAndError() throws IOException {
    String line = new JsonLineFormatter().format(record("relay {0} down:\n\"quoted\"\t\u0001",
        new java.io.IOException("reset", new IllegalStateException("inner")), "r1"));
    assertEquals(1, line.lines().count(), line);
    JsonNode n = JSON.readTree(line);
    assertEquals("WARN", n.get("level").asText());
    assertEquals("io.parley.test", n.get("logger").asText());
    assertEquals("relay r1 down:\n\"quoted\"\t\u0001", n.get("message").asText());
    assertTrue(n.get("time").asText().endsWith("Z"), line);
    assertEquals("java.io.IOException: reset <- java.lang.IllegalStateException: inner",
        n.get("error").asText());
    assertTrue(n.get("stack").asText().contains("LogFormatsTest"), line);
  }

  @Test
  void aTextRecordIsOneLineWhateverItsMessageHolds() {
    String line = new OneLineFormatter().format(record("first\nforged 2026 INFO line",
        new IllegalStateException("why")));
    assertEquals(1, line.lines().count(), line);
    assertTrue(line.matches("\\S+Z WARN io\\.parley\\.test: first\\\\nforged 2026 INFO line"
        + " \\[error: java\\.lang\\.IllegalStateException: why\\]\\R"), line);
  }

  @Test
  void libraryBannerLoggersAreHeldAtWarningAtInfoAndFollowTheLevelAtDebug() {
    LogSetup.apply(LogFormat.TEXT, LogLevel.INFO);
    for (String name : LogSetup.QUIET_LOGGERS) {
      assertTrue(!Logger.getLogger(name).isLoggable(Level.INFO), name);
      assertTrue(Logger.getLogger(name).isLoggable(Level.WARNING), name);
    }
    assertTrue(Logger.getLogger("io.parley.x").isLoggable(Level.INFO));
    LogSetup.apply(LogFormat.JSON, LogLevel.DEBUG);
    assertTrue(Logger.getLogger("io.undertow").isLoggable(Level.FINE));
    assertTrue(Logger.getLogger("").getHandlers()[0].getFormatter() instanceof JsonLineFormatter);
    LogSetup.apply(LogFormat.TEXT, LogLevel.INFO);
  }
}

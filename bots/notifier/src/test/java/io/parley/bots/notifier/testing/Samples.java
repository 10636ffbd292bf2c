package io.parley.bots.notifier.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The committed payload samples under {@code src/test/resources/samples/}. */
public final class Samples {
  private Samples() {}

  /**
   * An Alertmanager notification of a group holding one alert, {@code name}, at severity
   * warning, firing or resolved; the group key and fingerprint derive from the name.
   */
  public static byte[] alertmanagerGroup(String name, boolean firing) {
    String status = firing ? "firing" : "resolved";
    String json = "{\"version\":\"4\",\"groupKey\":\"{}:{alertname=\\\"" + name + "\\\"}\","
        + "\"status\":\"" + status + "\",\"receiver\":\"parley\",\"alerts\":[{\"status\":\""
        + status + "\",\"labels\":{\"alertname\":\"" + name + "\",\"severity\":\"warning\"},"
        + "\"annotations\":{\"summary\":\"" + name + " is " + status + "\"},"
        + "\"fingerprint\":\"" + name + "\"}]}";
    return json.getBytes(StandardCharsets.UTF_8);
  }

  /** The bytes of {@code samples/<name>}. */
  public static byte[] bytes(String name) {
    try (InputStream in = Samples.class.getResourceAsStream("/samples/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no sample " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

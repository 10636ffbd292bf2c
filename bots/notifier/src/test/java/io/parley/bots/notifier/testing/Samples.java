package io.parley.bots.notifier.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The committed payload samples under {@code src/test/resources/samples/}. */
public final class Samples {
  private Samples() {}

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

package io.parley.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archive's systemd units, checked by systemd's own analyzer where it is installed (the
 * units name /opt/parley, the documented install directory; here they are pointed at the
 * unpacked archive, so the analyzer also checks that what they run exists and is executable).
 */
class SystemdUnitsTest {
  private static final List<String> UNITS = List.of("parleyd.service", "parley-relay.service");
  /** The install directory the units are written for. */
  private static final String INSTALL_DIR = "/opt/parley/";
  /**
   * Highest acceptable exposure in systemd-analyze security, which rates 0.0 (safest) to 10.0.
   * UNIT: tenths of its rating (its --threshold counts in them).
   */
  private static final int MAX_EXPOSURE_TENTHS = 20;
  private static final Duration ANALYZE_TIMEOUT = Duration.ofSeconds(60);

  @TempDir
  static Path unpacked;
  private static Path home;

  @TempDir
  Path work;

  @BeforeAll
  static void unpack() throws Exception {
    home = Archive.unpack(unpacked);
  }

  @Test
  void everyUnitRunsAsADynamicUserInAStrictlyProtectedSystemWithItsOwnStateDirectory()
      throws IOException {
    for (String unit : UNITS) {
      List<String> lines = Files.readAllLines(home.resolve("systemd").resolve(unit));
      for (String setting : List.of("DynamicUser=yes", "ProtectSystem=strict",
          "NoNewPrivileges=yes", "ProtectHome=yes", "PrivateTmp=yes", "CapabilityBoundingSet=",
          "UMask=0077")) {
        assertTrue(lines.contains(setting), unit + " has " + setting);
      }
      assertTrue(lines.stream().anyMatch(l -> l.matches("StateDirectory=parley[a-z-]*")),
          unit + " has a StateDirectory");
      assertTrue(lines.stream().anyMatch(l -> l.startsWith("ExecStart=" + INSTALL_DIR + "bin/")),
          unit + " runs a launcher of " + INSTALL_DIR);
    }
  }

  @Test
  void theUnitsPassSystemdAnalyzeVerifyWithoutAWarning() throws Exception {
    Path analyze = systemdAnalyze();
    List<String> command = new ArrayList<>(List.of(analyze.toString(), "verify", "--man=no"));
    for (Path unit : unitsPointedAtTheArchive()) {
      command.add(unit.toString());
    }

    ShortCommand verify = ShortCommand.run(command, environment(), work, ANALYZE_TIMEOUT);

    assertEquals(0, verify.exitCode(), verify.stderr());
    assertEquals("", verify.stdout() + verify.stderr(), "no warnings");
  }

  @Test
  void everyUnitScoresAnExposureOfAtMostTwoInSystemdAnalyzeSecurity() throws Exception {
    Path analyze = systemdAnalyze();
    for (Path unit : unitsPointedAtTheArchive()) {
      ShortCommand security = ShortCommand.run(List.of(analyze.toString(), "security",
          "--offline=yes", "--threshold=" + MAX_EXPOSURE_TENTHS, "--no-pager",
          unit.toString()), environment(), work, ANALYZE_TIMEOUT);
      assumeTrue(!security.stderr().contains("Unknown option"),
          "this systemd-analyze cannot score a unit file offline");
      assertEquals(0, security.exitCode(), unit.getFileName() + ":\n" + security.stdout()
          + security.stderr());
    }
  }

  /** systemd-analyze, or the test is skipped: the units cannot be checked without it. */
  private static Path systemdAnalyze() {
    Optional<Path> found = Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
        .filter(d -> !d.isEmpty()).map(d -> Path.of(d, "systemd-analyze"))
        .filter(Files::isExecutable).findFirst();
    assumeTrue(found.isPresent(), "systemd-analyze is not installed (Debian: apt-get install"
        + " systemd)");
    return found.orElseThrow();
  }

  private List<Path> unitsPointedAtTheArchive() throws IOException {
    List<Path> units = new ArrayList<>();
    for (String unit : UNITS) {
      String text = Files.readString(home.resolve("systemd").resolve(unit),
          StandardCharsets.UTF_8);
      Path copy = work.resolve(unit);
      Files.writeString(copy, text.replace(INSTALL_DIR, home + "/"), StandardCharsets.UTF_8);
      units.add(copy);
    }
    return units;
  }

  private static Map<String, String> environment() {
    return Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"),
        "SYSTEMD_COLORS", "0", "LANG", "C.UTF-8");
  }
}

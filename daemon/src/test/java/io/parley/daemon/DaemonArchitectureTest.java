package io.parley.daemon;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The daemon's main code is a front-end of the agent's public API: it never reaches into the
 * agent's internals, and its packages depend on one another one way only.
 */
class DaemonArchitectureTest {
  private static JavaClasses daemon;

  @BeforeAll
  static void importMainClasses() {
    // The module's compiled main classes alone: scanning the class path would read every jar.
    daemon = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPath(Path.of(System.getProperty("basedir", "."), "target", "classes"));
  }

  @Test
  void daemonMainCodeUsesNothingUnderTheAgentsInternalPackages() {
    noClasses().that().resideInAPackage("io.parley.daemon..")
        .should().dependOnClassesThat().resideInAPackage("io.parley.agent.internal..")
        .because("the daemon reaches the agent only through its public API, read models and "
            + "store extension point")
        .check(daemon);
  }

  @Test
  void theDaemonsTopLevelPartsHaveNoDependencyCycle() {
    slices().matching("io.parley.daemon.(*)..").should().beFreeOfCycles().check(daemon);
  }

  @Test
  void noTwoDaemonPackagesDependOnEachOther() {
    slices().matching("io.parley.daemon.(**)").should().beFreeOfCycles().check(daemon);
  }
}

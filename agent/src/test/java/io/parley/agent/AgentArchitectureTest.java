package io.parley.agent;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The agent's dependency rules (docs/architecture.md), checked on its main classes: arrows
 * between its packages point one way, internals never reach up to the facade, and the library
 * knows nothing of its front-ends.
 */
class AgentArchitectureTest {
  /** Surefire runs in the module's directory. */
  private static final Path MAIN_CLASSES = Path.of("target/classes");
  private static JavaClasses main;

  @BeforeAll
  static void importMainClasses() {
    // The module's own compiled main classes: no test classes, nothing from jars.
    main = new ClassFileImporter().importPath(MAIN_CLASSES);
  }

  @Test
  void theAgentsTopLevelSlicesHaveNoCycles() {
    slices().matching("io.parley.agent.(*)..").should().beFreeOfCycles().check(main);
  }

  @Test
  void noTwoAgentPackagesDependOnEachOtherEvenThroughOthers() {
    // (**) makes every package its own slice, the facade io.parley.agent included.
    slices().matching("io.parley.(**)").should().beFreeOfCycles().check(main);
  }

  @Test
  void nothingInTheAgentImportsTheFacadePackage() {
    noClasses().that().resideOutsideOfPackage("io.parley.agent")
        .should().dependOnClassesThat().resideInAPackage("io.parley.agent")
        .check(main);
  }

  @Test
  void thePublicValuePackagesAreLeavesThatImportNoOtherAgentPackage() {
    for (String leaf : new String[] {"event", "model", "error"}) {
      String pkg = "io.parley.agent." + leaf;
      noClasses().that().resideInAPackage(pkg)
          .should().dependOnClassesThat().resideOutsideOfPackages("java..", pkg)
          .check(main);
    }
  }

  @Test
  void theAgentImportsNothingOfTheDaemonUndertowOrPicocli() {
    noClasses().that().resideInAPackage("io.parley.agent..")
        .should().dependOnClassesThat()
        .resideInAnyPackage("io.parley.daemon..", "io.undertow..", "picocli..")
        .check(main);
  }
}

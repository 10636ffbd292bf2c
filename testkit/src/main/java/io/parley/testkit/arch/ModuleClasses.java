package io.parley.testkit.arch;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The compiled main classes of the module whose tests are running (Maven runs them in the
 * module's directory): {@code target/classes} only, so neither the module's tests nor other
 * modules' test-jars are judged.
 */
public final class ModuleClasses {
  /** Where Maven puts a module's compiled main classes, relative to the module. */
  public static final Path MAIN_CLASSES = Path.of("target", "classes");

  private ModuleClasses() {}

  /**
   * Imports the module's main classes, failing if {@code knownClass} (a fully qualified name
   * the module must hold) is not among them, so a rule never passes for want of classes.
   */
  public static JavaClasses main(String knownClass) {
    Path file = MAIN_CLASSES.resolve(knownClass.replace('.', '/') + ".class");
    assertTrue(Files.isRegularFile(file),
        "the module's classes must be compiled before its tests: " + file.toAbsolutePath());
    JavaClasses classes = new ClassFileImporter().importPath(MAIN_CLASSES);
    assertTrue(classes.contain(knownClass), knownClass + " was imported");
    return classes;
  }
}

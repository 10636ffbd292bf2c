package io.parley.testkit.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import io.parley.testkit.arch.fixture.impure.Impure;
import io.parley.testkit.arch.fixture.pure.Pure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each shared rule fails on a class that breaks it and passes on one that does not. */
class ArchitectureRulesTest {
  private static final String FIXTURE = "io.parley.testkit.arch.fixture";
  private static final Path TEST_CLASSES = Path.of("target", "test-classes");

  /** Imports one fixture package from this module's test classes, without a classpath scan. */
  private static JavaClasses packages(String name) {
    return new ClassFileImporter()
        .importPath(TEST_CLASSES.resolve(name.replace('.', '/')));
  }

  private static String violation(ArchRule rule, JavaClasses classes) {
    return assertThrows(AssertionError.class, () -> rule.check(classes)).getMessage();
  }

  @Test
  void twoSiblingPackagesThatUseEachOtherAreACycle() {
    String m = violation(ArchitectureRules.noPackageCycles(FIXTURE + ".cycle"),
        packages(FIXTURE + ".cycle"));
    assertTrue(m.contains("cycle.a") && m.contains("cycle.b"), m);
  }

  @Test
  void aRootPackageAndASubpackageThatUseEachOtherAreACycle() {
    String m = violation(ArchitectureRules.noPackageCycles(FIXTURE + ".parentcycle"),
        packages(FIXTURE + ".parentcycle"));
    assertTrue(m.contains("parentcycle.child"), m);
  }

  @Test
  void packagesWhoseArrowsPointOneWayPassTheCycleRule() {
    ArchitectureRules.noPackageCycles(FIXTURE + ".acyclic").check(packages(FIXTURE + ".acyclic"));
  }

  @Test
  void usingAForbiddenPackageFailsAndNamesTheDependency() {
    String m = violation(ArchitectureRules.useNothingOf(List.of(FIXTURE + ".acyclic.b")),
        packages(FIXTURE + ".acyclic"));
    assertTrue(m.contains("Upper") && m.contains("Lower"), m);
    ArchitectureRules.useNothingOf(List.of(FIXTURE + ".acyclic.a"))
        .check(packages(FIXTURE + ".acyclic.b"));
  }

  @Test
  void usingParleyOutsideTheOwnRootFailsAndUsingOnlyTheOwnRootPasses() {
    String m = violation(ArchitectureRules.useNothingOfParleyBut(FIXTURE),
        new ClassFileImporter().importClasses(Impure.UsesTestkit.class));
    assertTrue(m.contains("io.parley.testkit.Await"), m);
    ArchitectureRules.useNothingOfParleyBut(FIXTURE + ".acyclic")
        .check(packages(FIXTURE + ".acyclic"));
  }

  static Stream<Arguments> impureClasses() {
    Supplier<ArchRule> threads = ArchitectureRules::startNoThreads;
    Supplier<ArchRule> sockets = ArchitectureRules::openNoSockets;
    Supplier<ArchRule> files = ArchitectureRules::doNoFileIo;
    Supplier<ArchRule> clock = ArchitectureRules::readNoWallClock;
    return Stream.of(
        Arguments.of(Impure.NewThread.class, threads, "Thread.<init>"),
        Arguments.of(Impure.StartsThread.class, threads, "Thread.start()"),
        Arguments.of(Impure.UsesExecutors.class, threads, "Executors.newSingleThreadExecutor"),
        Arguments.of(Impure.NewSocket.class, sockets, "Socket.<init>"),
        Arguments.of(Impure.OpensSocketChannel.class, sockets, "SocketChannel.open()"),
        Arguments.of(Impure.ReadsFiles.class, files, "java.nio.file.Files"),
        Arguments.of(Impure.NewFileInputStream.class, files, "java.io.FileInputStream"),
        Arguments.of(Impure.ReadsMillis.class, clock, "System.currentTimeMillis()"),
        Arguments.of(Impure.InstantNow.class, clock, "Instant.now()"),
        Arguments.of(Impure.SystemUtcClock.class, clock, "Clock.systemUTC()"),
        Arguments.of(Impure.SystemDefaultZoneClock.class, clock, "Clock.systemDefaultZone()"),
        Arguments.of(Impure.NewDate.class, clock, "Date.<init>()"));
  }

  @ParameterizedTest(name = "{0} breaks its rule")
  @MethodSource("impureClasses")
  void eachThingAPureLibraryMustNotDoFailsItsRuleAndNamesTheCall(Class<?> impure,
      Supplier<ArchRule> rule, String call) {
    String m = violation(rule.get(), new ClassFileImporter().importClasses(impure));
    assertTrue(m.contains(call), m);
  }

  @Test
  void aClassThatUsesOnlyWhatItIsGivenPassesEveryPurityRule() {
    JavaClasses pure = new ClassFileImporter().importClasses(Pure.class);
    for (ArchRule rule : ArchitectureRules.pureLibrary()) {
      rule.check(pure);
    }
  }

  @Test
  void thePomRuleFindsForbiddenDependenciesOutsideTestScopeOnly(@TempDir Path dir)
      throws Exception {
    Path pom = Files.writeString(dir.resolve("pom.xml"), """
        <project><dependencies>
          <dependency><groupId>io.parley</groupId><artifactId>parley-daemon</artifactId>
            <scope>test</scope></dependency>
          <dependency><groupId>io.parley</groupId><artifactId>parley-protocol</artifactId>
          </dependency>
          <dependency><groupId>io.parley</groupId><artifactId>parley-sdk</artifactId>
          </dependency>
          <dependency><groupId>org.bouncycastle</groupId><artifactId>bcprov-jdk18on</artifactId>
            <scope>runtime</scope></dependency>
        </dependencies></project>
        """);
    assertEquals(List.of("io.parley:parley-protocol", "org.bouncycastle:bcprov-jdk18on (runtime)"),
        PomRules.sdkOnlyViolations(pom));
  }
}

/**
 * The architecture rules every module's {@code ArchitectureTest} applies to its own compiled
 * main classes ({@link io.parley.testkit.arch.ModuleClasses}): package cycles, which modules a
 * module may use, what keeps a library pure, and the pom check for SDK-only code. May use
 * ArchUnit, JUnit's assertions and the JDK; nothing of Parley.
 */
package io.parley.testkit.arch;

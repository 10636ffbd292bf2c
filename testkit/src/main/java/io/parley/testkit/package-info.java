/**
 * Test-scope helpers every module's tests share: {@link io.parley.testkit.Await} (a condition,
 * a probed value, a future or a latch, with a deadline), {@link io.parley.testkit.Deadline},
 * {@link io.parley.testkit.SettableClock}, and {@link io.parley.testkit.LeakCheck}, a JUnit
 * extension that fails a test leaving a thread or an uncaught exception behind. Uses the JDK
 * and JUnit only (the architecture rules in {@code io.parley.testkit.arch} also use ArchUnit); fixtures that start a relay, agent or daemon belong in the owning module's
 * test-jar, not here.
 */
package io.parley.testkit;

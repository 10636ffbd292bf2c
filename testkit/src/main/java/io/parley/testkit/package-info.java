/**
 * Test-scope helpers every module's tests share: {@link io.parley.testkit.Await} (a condition
 * with a deadline) and {@link io.parley.testkit.SettableClock}. May use JUnit and the JDK;
 * nothing of Parley, so any module can take it.
 */
package io.parley.testkit;

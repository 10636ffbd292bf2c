/**
 * What every Parley entry point shares: picocli command lines whose options also come from
 * environment variables ({@link EnvironmentDefaults}), settings files of known keys
 * ({@link SettingsFile}), the build's version ({@link Version}), and one-line or JSON logs
 * ({@link io.parley.launch.logging}).
 *
 * <p>May use: picocli, the JDK. Nothing of Parley: relay, daemon, bots and bench all use it.
 */
package io.parley.launch;

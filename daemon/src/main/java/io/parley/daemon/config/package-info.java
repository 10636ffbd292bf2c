/**
 * The daemon's settings: the configuration file's format and defaults, merged with the command
 * line into one checked {@link io.parley.daemon.config.DaemonConfig}.
 *
 * <p>May use: {@code api} (the API's settings it fills in: {@code ApiConfig}), the protocol's
 * relay addresses. Not {@code cli}.
 */
package io.parley.daemon.config;

/** The notifier's configuration from flags and environment variables. */
package io.parley.bots.notifier.config;

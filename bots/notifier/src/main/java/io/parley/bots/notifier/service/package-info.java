/**
 * The notifier without its chat transport ({@link
 * io.parley.bots.notifier.service.NotifierService}): data directory, database, dispatcher,
 * subscriber commands and HTTP receiver wired together. May use the notifier's
 * {@code command}, {@code config}, {@code delivery}, {@code http} and {@code store} packages;
 * never the SDK, which only the {@code sdk} package and the main class see.
 */
package io.parley.bots.notifier.service;

/**
 * The notifier bot's entry point ({@code NotifierMain}): parses the command line and starts the
 * bot. May use every notifier package and the SDK's error and model types; the bot as a whole
 * is built on the Parley SDK only.
 */
package io.parley.bots.notifier;

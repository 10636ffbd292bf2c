/** The notifier bot, built only on the Parley SDK. */
package io.parley.bots.notifier;

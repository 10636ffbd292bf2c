/** The commands subscribers send the bot: /subscribe, /unsubscribe, /list and /mute. */
package io.parley.bots.notifier.command;

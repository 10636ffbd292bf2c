/** The only part of the notifier that knows the Parley SDK: its gateway and its bot wiring. */
package io.parley.bots.notifier.sdk;

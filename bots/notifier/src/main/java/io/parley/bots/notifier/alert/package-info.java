/** The source-independent alert model every payload parser produces and the formatter reads. */
package io.parley.bots.notifier.alert;

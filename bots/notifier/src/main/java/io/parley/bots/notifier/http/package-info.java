/** The HTTP receiver alert sources post to, with its token and limits. */
package io.parley.bots.notifier.http;

/**
 * The file system edge the relay and the agent share: the data-directory lock and whole-file
 * atomic writes of small secrets. May use the JDK only; nothing of Parley.
 */
package io.parley.transport.files;

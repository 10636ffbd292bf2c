/** Java client for the Parley daemon's local API, and a small bot framework on top of it. */
package io.parley.sdk;

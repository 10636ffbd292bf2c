/**
 * Typed failures of the Parley SDK: one class per HTTP status the daemon API answers with, all
 * under {@link io.parley.sdk.error.ParleyException}, plus the failures that happen before any
 * answer (unreachable daemon, incomplete configuration).
 */
package io.parley.sdk.error;

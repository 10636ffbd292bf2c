/**
 * The daemon API's resources as immutable records mirroring {@code openapi.yaml}. Readers are
 * tolerant: unknown fields are ignored and unknown enum values read as {@code UNKNOWN}.
 */
package io.parley.sdk.model;

/**
 * Binary encoding at the bottom of the protocol: bounded encoder and decoder, padding, and the
 * typed {@link io.parley.protocol.codec.CodecException} for input that does not decode. May
 * use the JDK only; every other protocol package builds on it.
 */
package io.parley.protocol.codec;

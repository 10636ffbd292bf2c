/**
 * The cryptographic primitives the protocol is built from: X25519, Ed25519, AEAD, HKDF, MACs,
 * hashes, queue authorisation and per-delivery encryption, and the one secure random source.
 * May use BouncyCastle, the JDK's security providers and the protocol's root package.
 */
package io.parley.protocol.crypto;

/**
 * QR codes of invitation and contact-address links, as PNG or SVG.
 *
 * <p>May use: ZXing and the JDK's image I/O only; a leaf of the daemon.
 */
package io.parley.daemon.qr;

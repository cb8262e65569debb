/**
 * Messages between the nodes of a committee: their signed frame (docs/protocol.md, "Signed peer
 * messages"), and the checks a node makes before it stores or acts on one (the epoch is current,
 * the signer is a member, the signature holds). Pure Java, with BouncyCastle's Ed25519.
 */
package dev.cachet.peer;

/**
 * Batched threshold keysign (issue 14): the outbound transaction digests of a chain, signed by the
 * committee with FROST(secp256k1, SHA-256), one session per nonce batch, batches in nonce order,
 * with a coordinator that rotates by {@link dev.cachet.keysign.CantorPair} over (batch, chain) and
 * the attempt. Pure Java: the digest book and its decisions, the batch plan, the rotation, the
 * signed session messages and their canonical encodings (docs/protocol.md, "Batched keysign"), and
 * the engine that runs a node's part as coordinator and participant over ports for its store, its
 * peers, its timer and its clock.
 *
 * <p>Rules kept here: a participant answers round one only for digests its own chain observer gave
 * it; it releases signature shares once per round-one state and only after the session is durably
 * recorded; a signature is stored only after it verifies against the group key; a batch signs the
 * gap-free run of held, unsigned digests starting at its first unsigned pending nonce.
 */
package dev.cachet.keysign;

/**
 * RFC 8391 XMSS^MT (SHA-256, n = 32, w = 16), slot-indexed, with prepared windows. Pure Java, no
 * {@code jakarta.*}: the key manager hosts it and owns every rule about which slot may be signed.
 *
 * <p>Rules kept here:
 *
 * <ul>
 *   <li>Byte-for-byte RFC 8391 and BouncyCastle: the same seeds give the same public root, the same
 *       slot and message the same signature; WOTS+ secrets are derived as BouncyCastle derives them
 *       ({@code sk_i = PRF(PRF(SK_SEED, ADRS), toByte(i, 32))}).
 *   <li>Slot {@code s} signs with leaf {@code s}. Signing happens only inside the prepared window
 *       and never builds a tree; a slot outside it is reported, not computed. Never signing a slot
 *       twice is the caller's rule: the core keeps no record of signed slots.
 *   <li>Preparation is explicit and off the signing path: it returns a new immutable window,
 *       computed on the caller's executor, while the old one keeps signing until the caller swaps
 *       the reference.
 *   <li>Only {@link dev.cachet.xmss.RetainedLevels retained levels} of each tree are held; lower
 *       nodes are recomputed from the seeds and checked against the retained node above them.
 *   <li>Explicit versioned encodings, never Java serialization.
 * </ul>
 *
 * <p>The API, in the order a key manager uses it:
 *
 * <ul>
 *   <li>{@link dev.cachet.xmss.XmssParameters}: a parameter set, e.g. {@code
 *       XmssParameters.PRODUCTION} (h = 32, d = 2), {@code new XmssParameters(8, 2)} for tests,
 *       {@code XmssParameters.named("XMSSMT-SHA2_20/2_256")} for the RFC's sets.
 *   <li>{@link dev.cachet.xmss.XmssSecretSeeds}: {@code SK_SEED}, {@code SK_PRF}, {@code SEED};
 *       {@code generate(SecureRandom)} or {@code of(...)}; {@code encode()} is secret.
 *   <li>{@link dev.cachet.xmss.XmssKeys#generate}: public key and a first window holding the
 *       activation slot's bottom tree, built on the executor ({@code leavesToGenerate} estimates
 *       the cost).
 *   <li>{@link dev.cachet.xmss.PreparedWindow}: {@code sign(slot, message)} returns {@link
 *       dev.cachet.xmss.SignOutcome.Signed}, {@link dev.cachet.xmss.SignOutcome.NotPrepared} (with
 *       the window bounds and the leaves needed) or {@link dev.cachet.xmss.SignOutcome.Exhausted};
 *       {@code prepareNext(executor)} returns the window of the newest and the next bottom tree (or
 *       throws {@link dev.cachet.xmss.XmssKeyExhaustedException}); {@code prepareFor(slot,
 *       executor)} catches up to a distant slot by building only its trees; {@code
 *       precomputeBlock(slot)} moves a block recomputation off the signing path; {@code
 *       fromSlot/toSlot} (inclusive), {@code nextBottomTree}, {@code remainingSlots}, {@code
 *       leavesToPrepareNext/For} (one leaf is 3,347 SHA-256 calls: multiply by a measured time per
 *       leaf and divide by threads for a Retry-After); {@code encode()} and {@code decode(bytes,
 *       seeds)}.
 *   <li>{@link dev.cachet.xmss.LeafProgress}: given to {@code generate}, {@code prepareNext} or
 *       {@code prepareFor}, it is told the leaves computed as they are computed, adding up to
 *       exactly the leaves the step was said to cost (for a progress bar while a tree is built).
 *   <li>{@link dev.cachet.xmss.XmssVerifier#verify}: needs only the public key.
 *   <li>Encodings: {@link dev.cachet.xmss.XmssPublicKey} ({@code encode}, versioned; {@code
 *       rfcBytes}, the RFC / BouncyCastle layout), {@link dev.cachet.xmss.XmssSignature} ({@code
 *       rfcBytes}, the RFC layout; {@code encode}, with a versioned header), the window (public
 *       nodes only, checked against the public root and the seeds when decoded).
 * </ul>
 *
 * <p>Threads: preparation splits a tree's leaves into up to 64 subtrees taken by the executor's
 * threads and the calling thread together (so calling from one of the executor's own threads cannot
 * deadlock), using at most as many threads as the executor has and the machine has cores. An
 * interrupted caller gets a {@link java.util.concurrent.CancellationException}. Windows may be
 * shared between threads; signing allocates its own hashing state.
 */
package dev.cachet.xmss;

/**
 * RFC 8391 XMSS^MT (SHA-256, n = 32, w = 16), slot-indexed, with prepared windows. Pure Java, no
 * {@code jakarta.*}: the key manager hosts it.
 *
 * <p>Rules kept here:
 *
 * <ul>
 *   <li>Byte-for-byte RFC 8391 and BouncyCastle: the same seeds give the same public root, the same
 *       slot and message the same signature; WOTS+ secrets are derived as BouncyCastle derives
 *       them.
 *   <li>Slot {@code s} signs with leaf {@code s}. {@link dev.cachet.xmss.PreparedWindow#sign} signs
 *       only inside its window and never builds a tree; outside, it reports {@link
 *       dev.cachet.xmss.SignOutcome.NotPrepared} or {@link dev.cachet.xmss.SignOutcome.Exhausted}.
 *       Never signing a slot twice is the caller's rule: the core keeps no signing state.
 *   <li>Preparation is explicit and off the signing path: {@code prepareNext}/{@code prepareFor}
 *       return a new immutable window, computed on the caller's executor; the old one keeps signing
 *       until the caller swaps the reference.
 *   <li>Only {@link dev.cachet.xmss.RetainedLevels retained levels} of each tree are held; lower
 *       nodes are recomputed from the seeds and checked against the retained node above them.
 *   <li>Explicit versioned encodings, never Java serialization: public key (also in the RFC /
 *       BouncyCastle layout), secret seeds (for the caller to encrypt), signature (RFC layout,
 *       optionally with a versioned header) and prepared window (public nodes only, decoded with
 *       the seeds and checked against the public root).
 * </ul>
 *
 * <p>Entry points: {@link dev.cachet.xmss.XmssKeys#generate} (public key and first window for an
 * activation slot), {@link dev.cachet.xmss.PreparedWindow} (sign, prepare, encode, cost estimates),
 * {@link dev.cachet.xmss.XmssVerifier#verify}.
 */
package dev.cachet.xmss;

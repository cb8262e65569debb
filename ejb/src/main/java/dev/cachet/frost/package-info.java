/**
 * FROST threshold Schnorr signatures (RFC 9591): trusted-dealer key generation with verifiable
 * secret sharing, two-round signing of batches of messages, share verification with identifiable
 * abort, aggregation and verification, for FROST(secp256k1, SHA-256) and FROST(P-256, SHA-256).
 * Pure Java on BouncyCastle's elliptic-curve arithmetic, no {@code jakarta.*}.
 *
 * <p>Rules kept here: every element and scalar from outside goes through the suite's
 * DeserializeElement / DeserializeScalar (identity and non-canonical encodings refused); a
 * commitment list is sorted, duplicate-free and complete before anything is computed from it; a
 * round-one state yields signature shares at most once; the coordinator verifies every share and
 * names the signers at fault rather than aggregate a bad signature; secret scalars are multiplied
 * with the comb multiplier only. The ciphersuite is a parameter: the protocol code never names a
 * curve.
 */
package dev.cachet.frost;

/**
 * Committees and the node's place in them. So far: the node's own Ed25519 identity key, with which
 * it will sign handoff attestations. Pure Java, no {@code jakarta.*}; the seed lives only in the
 * encrypted state vault, and the bean that loads it lives in {@code dev.cachet.committee.ejb}.
 */
package dev.cachet.committee;

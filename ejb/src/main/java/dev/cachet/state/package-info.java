/**
 * The encrypted state vault: secret and safety-critical signer state persisted as authenticated
 * envelopes (AES-256-GCM, key id in the envelope). Pure Java, no {@code jakarta.*}. Rules kept
 * here: the state key is resolved under the guard that serialises a record's writes, immediately
 * before encrypting, and never for a call that persists nothing; memory changes only after the
 * write committed; an envelope under an unknown key is never overwritten. The JPA adapter and the
 * hosting bean live in {@code dev.cachet.state.ejb}.
 */
package dev.cachet.state;

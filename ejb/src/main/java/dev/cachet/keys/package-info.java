/**
 * Validator keys: each validator holds up to two XMSS^MT keys (attestation and proposal) and signs
 * one message per slot with each. Pure Java, no {@code jakarta.*}; the hosting bean, its executors
 * and its slot ticker live in {@code dev.cachet.keys.ejb}.
 *
 * <p>Rules kept here:
 *
 * <ul>
 *   <li>A leaf is never used twice. The highest signed slot, its message and signature are durable
 *       in the vault before a signature is returned; a slot at or below it is refused unless it is
 *       the same slot and message again. Within the node a leaf counts as used from the moment
 *       signing starts, even if persisting then fails.
 *   <li>Signing never waits for preparation: it signs from the current window or refuses at once
 *       ({@code KEY_NOT_PREPARED}, with the time the preparation it started is expected to take).
 *   <li>Preparation runs off the request path, one at a time per key, and the window is swapped by
 *       a reference change when the next one is complete.
 * </ul>
 */
package dev.cachet.keys;

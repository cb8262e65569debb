/**
 * The JSON of the epoch handoff (docs/protocol.md, "Epoch handoff"): certificates as the issue
 * specifies them, and the peer messages (ready signals, freeze certificates, attestations). One set
 * of records for the node's resources, its peer client and its durable store.
 */
package dev.cachet.handoff.wire;

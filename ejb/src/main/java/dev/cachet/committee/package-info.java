/**
 * Epochs and committees: who the members of an epoch are, with what stake, and when a set of them
 * is a quorum. Every committee protocol (metadata, handoff, keysign, checkpoints) asks {@link
 * dev.cachet.committee.Quorum} and nothing else whether enough stake agrees. Pure Java.
 */
package dev.cachet.committee;

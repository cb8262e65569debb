/**
 * The epoch handoff (issue 13): the outgoing committee freezes the epoch's inputs (each member's
 * metadata blob, by hash) and signs them, with the next committee's key set, into a certificate
 * that a joiner verifies before it acts. Safe by construction, without an ordering service: each
 * member signs one ready signal and one attestation per epoch, and any two quorums of stake share
 * an honest member. Pure Java; the network and the durable store are ports.
 */
package dev.cachet.handoff;

/**
 * Checkpoint attestation with multiple blocks per slot (issue 15, Aztec's plan of PR #19240): the
 * account ledger that re-executes blocks, block headers and archives, the checkpoint of a slot, the
 * signed messages with their domain separators, and the validator's per-slot job that executes
 * blocks in index order as they arrive and attests the checkpoint only if every block executed and
 * matched. Pure Java: execution and time come in through ports.
 */
package dev.cachet.checkpoint;

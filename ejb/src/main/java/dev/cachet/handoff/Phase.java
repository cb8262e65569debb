package dev.cachet.handoff;

/** Where a node is in an epoch's handoff. */
public enum Phase {
  ANNOUNCING,
  READY_SENT,
  FROZEN,
  ATTESTED,
  CERTIFIED
}

package dev.cachet.xmss;

import java.util.Objects;

/**
 * What {@link PreparedWindow#sign} did. Signing never prepares, so a slot outside the window is
 * reported, not computed: {@link NotPrepared} for a slot the key can still sign once prepared,
 * {@link Exhausted} for a slot past the key's lifetime.
 */
public sealed interface SignOutcome {

  /** The slot was in the window: here is its signature. */
  record Signed(XmssSignature signature) implements SignOutcome {
    public Signed {
      Objects.requireNonNull(signature, "signature");
    }
  }

  /**
   * The slot is within the key's lifetime but outside the window {@code [fromSlot, toSlot]}; {@link
   * PreparedWindow#prepareFor} would make it signable by computing {@code leavesToPrepare} leaves.
   */
  record NotPrepared(long slot, long fromSlot, long toSlot, long leavesToPrepare)
      implements SignOutcome {

    /** Whether the slot lies behind the window (already left) rather than ahead of it. */
    public boolean behindWindow() {
      return slot < fromSlot;
    }
  }

  /** The slot is at or past the key's lifetime of {@code lifetime} slots: it can never sign it. */
  record Exhausted(long slot, long lifetime) implements SignOutcome {}
}

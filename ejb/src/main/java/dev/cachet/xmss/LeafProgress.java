package dev.cachet.xmss;

/**
 * Where a key generation or a window preparation reports the leaves it has computed, as it computes
 * them, so that a holder can show how far a long preparation is. The reports of one preparation add
 * up to exactly the leaves it was said to cost ({@link XmssKeys#leavesToGenerate}, {@link
 * PreparedWindow#leavesToPrepareNext}, {@link PreparedWindow#leavesToPrepareFor}). Called from
 * every thread that builds, at once: an implementation is thread-safe and cheap.
 */
@FunctionalInterface
public interface LeafProgress {

  /** {@code leaves} more leaves (a positive number) are computed. */
  void computed(long leaves);

  /** Reports to nobody. */
  LeafProgress NONE = leaves -> {};
}

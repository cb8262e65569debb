package dev.cachet.xmss;

/**
 * Which tree levels a prepared window keeps: every node at height {@code >= bottom} of its bottom
 * trees and {@code >= upper} of the upper-layer trees on its path. Lower nodes are recomputed when
 * needed: signing a slot recomputes the {@code 2^bottom} leaves of its block (once per block of
 * consecutive slots), preparing a bottom tree recomputes {@code 2^upper} leaves per upper layer to
 * sign its root. A level above a tree's height means "the root only".
 *
 * <p>Memory of one bottom tree of height {@code t}: {@code (2^(t - bottom + 1) - 1) * 32} bytes.
 */
public record RetainedLevels(int bottom, int upper) {

  /**
   * The default: blocks of 32 slots (a cold sign recomputes 32 leaves, about 10 ms; consecutive
   * slots then cost about one leaf each) and 256 leaves per upper layer at preparation (0.4% of a
   * bottom tree). For h = 32, d = 2 a prepared window of two bottom trees holds 283,744 bytes of
   * nodes and upper signatures (plus up to 7,936 bytes of remembered leaf blocks), against 8 MiB
   * for two whole bottom trees.
   */
  public static final RetainedLevels DEFAULT = new RetainedLevels(5, 8);

  public RetainedLevels {
    if (bottom < 0 || bottom > XmssParameters.MAX_TREE_HEIGHT) {
      throw new IllegalArgumentException("retained bottom level out of range: " + bottom);
    }
    if (upper < 0 || upper > XmssParameters.MAX_TREE_HEIGHT) {
      throw new IllegalArgumentException("retained upper level out of range: " + upper);
    }
  }

  /** The lowest kept height of a bottom tree under {@code parameters}. */
  int bottomFor(XmssParameters parameters) {
    return Math.min(bottom, parameters.treeHeight());
  }

  /** The lowest kept height of an upper-layer tree under {@code parameters}. */
  int upperFor(XmssParameters parameters) {
    return Math.min(upper, parameters.treeHeight());
  }
}

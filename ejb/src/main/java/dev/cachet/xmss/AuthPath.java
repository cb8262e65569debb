package dev.cachet.xmss;

/** Writes a leaf's authentication path (RFC 8391 §4.1.9): its sibling at every height. */
final class AuthPath {

  private AuthPath() {}

  /**
   * The path of {@code leaf}, from the retained {@code levels} and, below them, from {@code block}
   * (which must cover the leaf; none is needed when every level is retained).
   */
  static void write(TreeLevels levels, LeafBlock block, int leaf, byte[] out, int off) {
    for (int h = 0; h < levels.height(); h++) {
      int sibling = (leaf >>> h) ^ 1;
      int at = off + h * XmssParameters.N;
      if (h >= levels.lowest()) {
        levels.copyNode(h, sibling, out, at);
      } else {
        block.copyNode(h, sibling, out, at);
      }
    }
  }

  /** The block {@code leaf}'s path needs, or null when every level is retained. */
  static LeafBlock blockFor(TreeHasher hasher, TreeLevels levels, int layer, long tree, int leaf) {
    return levels.lowest() == 0 ? null : LeafBlock.compute(hasher, levels, layer, tree, leaf);
  }
}

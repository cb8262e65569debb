package dev.cachet.xmss;

/**
 * The nodes below a tree's retained levels for one block of {@code 2^height} consecutive leaves
 * (the subtree under retained node {@code (height, index)}): what an authentication path needs
 * below the retained levels. Recomputing a block also checks it: its root must equal the retained
 * node, otherwise the stored levels and the seeds do not belong together. Immutable once computed.
 */
final class LeafBlock implements NodeSink {

  private static final int N = XmssParameters.N;

  private final int height;
  private final int index;
  private final byte[][] nodes;

  private LeafBlock(int height, int index) {
    this.height = height;
    this.index = index;
    this.nodes = new byte[height][];
    for (int h = 0; h < height; h++) {
      nodes[h] = new byte[(1 << (height - h)) * N];
    }
  }

  /**
   * Recomputes the block of {@code levels.lowest()} height that holds {@code leaf}.
   *
   * @throws XmssWindowMismatchException if its root is not the retained node
   */
  static LeafBlock compute(TreeHasher hasher, TreeLevels levels, int layer, long tree, int leaf) {
    int height = levels.lowest();
    LeafBlock block = new LeafBlock(height, leaf >>> height);
    byte[] root = new byte[N];
    hasher.node(layer, tree, height, block.index, block, root, 0);
    if (!levels.nodeEquals(height, block.index, root, 0)) {
      throw new XmssWindowMismatchException(
          "recomputed nodes of layer "
              + layer
              + " tree "
              + tree
              + " differ from the prepared window: the seeds do not belong to it");
    }
    return block;
  }

  /** Whether this block holds the nodes below {@code leaf}'s retained ancestor. */
  boolean covers(int leaf) {
    return leaf >>> height == index;
  }

  @Override
  public void put(int h, int i, byte[] node, int off) {
    if (h < height) {
      System.arraycopy(node, off, nodes[h], (i - (index << (height - h))) * N, N);
    }
  }

  void copyNode(int h, int i, byte[] out, int off) {
    System.arraycopy(nodes[h], (i - (index << (height - h))) * N, out, off, N);
  }

  int byteSize() {
    return ((1 << (height + 1)) - 2) * N;
  }
}

package dev.cachet.xmss;

/**
 * Computes nodes of one layer's tree (RFC 8391 treeHash, depth first): a node of height {@code j}
 * and index {@code i} hashes its children under the hash-tree address {@code (height j - 1, index
 * i)}. Not thread-safe: one per thread, with per-height scratch so nothing is allocated.
 */
final class TreeHasher {

  private static final int N = XmssParameters.N;

  private final HashFunctions hash;
  private final Wots wots;
  private final Address adrs = new Address();
  private final byte[][] left = new byte[XmssParameters.MAX_TREE_HEIGHT + 1][N];
  private final byte[][] right = new byte[XmssParameters.MAX_TREE_HEIGHT + 1][N];

  TreeHasher(HashFunctions hash) {
    this.hash = hash;
    this.wots = new Wots(hash);
  }

  Wots wots() {
    return wots;
  }

  /**
   * Computes node {@code (height, index)} of tree {@code tree} on {@code layer} into {@code out},
   * offering it and every node below it to {@code sink}.
   */
  void node(int layer, long tree, int height, int index, NodeSink sink, byte[] out, int off) {
    if (height == 0) {
      wots.leaf(layer, tree, index, out, off);
    } else {
      byte[] l = left[height];
      byte[] r = right[height];
      node(layer, tree, height - 1, 2 * index, sink, l, 0);
      node(layer, tree, height - 1, 2 * index + 1, sink, r, 0);
      parent(layer, tree, height, index, l, 0, r, 0, out, off);
    }
    sink.put(height, index, out, off);
  }

  /** Node {@code (height, index)} from its two children; {@code out} may overlap them. */
  void parent(
      int layer,
      long tree,
      int height,
      int index,
      byte[] l,
      int lOff,
      byte[] r,
      int rOff,
      byte[] out,
      int off) {
    adrs.at(layer, tree, Address.HASH_TREE).chainOrHeight(height - 1).hashOrIndex(index);
    hash.randHash(l, lOff, r, rOff, adrs, out, off);
  }

  /**
   * Climbs from leaf {@code leaf}'s node (in {@code node}, replaced by the root) along an
   * authentication path of {@code height} nodes (RFC 8391 §4.1.10).
   */
  void climb(int layer, long tree, int leaf, byte[] node, byte[] path, int pathOff, int height) {
    for (int k = 0; k < height; k++) {
      int parent = leaf >>> (k + 1);
      int sibling = pathOff + k * N;
      if (((leaf >>> k) & 1) == 0) {
        parent(layer, tree, k + 1, parent, node, 0, path, sibling, node, 0);
      } else {
        parent(layer, tree, k + 1, parent, path, sibling, node, 0, node, 0);
      }
    }
  }

  /**
   * The root of tree {@code tree} on {@code layer} that one layer's part of a signature implies:
   * the WOTS+ signature of {@code node} (a 32-byte digest, replaced by the root) by key pair {@code
   * leaf}, then up its authentication path.
   */
  void rootFromSignature(
      byte[] signature, int off, byte[] node, int layer, long tree, int leaf, int height) {
    wots.leafFromSignature(signature, off, node, 0, layer, tree, leaf, node, 0);
    climb(layer, tree, leaf, node, signature, off + Wots.SIGNATURE_LENGTH, height);
  }
}

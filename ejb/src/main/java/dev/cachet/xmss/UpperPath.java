package dev.cachet.xmss;

import java.util.List;

/**
 * The upper-layer trees (layers 1 to d-1) above one bottom tree: what signing that bottom tree's
 * root needs. The top tree's root is the public key; trees are shared between paths while they are
 * the same tree, so moving on to the next bottom tree rebuilds only the trees that change.
 */
record UpperPath(List<LayerTree> trees) {

  UpperPath {
    trees = List.copyOf(trees);
  }

  /** The tree on {@code layer} (1 to d-1). */
  LayerTree layer(int layer) {
    return trees.get(layer - 1);
  }

  /** The tree index on {@code layer} above bottom tree {@code bottomTree}. */
  static long indexAbove(XmssParameters parameters, long bottomTree, int layer) {
    return bottomTree >>> ((long) parameters.treeHeight() * layer);
  }

  /** The leaf of the tree on {@code layer} that signs the root of the tree below it. */
  static int leafAbove(XmssParameters parameters, long bottomTree, int layer) {
    long below = bottomTree >>> ((long) parameters.treeHeight() * (layer - 1));
    return (int) (below & (parameters.leavesPerTree() - 1));
  }

  /** Whether this path's tree on every layer is the one above {@code bottomTree}. */
  boolean isAbove(XmssParameters parameters, long bottomTree) {
    for (LayerTree tree : trees) {
      if (tree.index() != indexAbove(parameters, bottomTree, tree.layer())) {
        return false;
      }
    }
    return true;
  }

  int byteSize() {
    int size = 0;
    for (LayerTree tree : trees) {
      size += tree.levels().byteSize();
    }
    return size;
  }
}

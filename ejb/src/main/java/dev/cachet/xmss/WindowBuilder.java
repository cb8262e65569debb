package dev.cachet.xmss;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * Computes what a window holds: upper-layer trees, bottom trees and the signatures that link a
 * bottom tree's root to the public root. Only the trees a bottom tree needs are built, so catching
 * up to a distant slot costs the same as preparing the next tree (plus any upper tree that
 * changes), never every tree in between.
 */
final class WindowBuilder {

  private final XmssParameters parameters;
  private final XmssSecretSeeds seeds;
  private final RetainedLevels retained;
  private final LeafProgress progress;

  WindowBuilder(XmssParameters parameters, XmssSecretSeeds seeds, RetainedLevels retained) {
    this(parameters, seeds, retained, LeafProgress.NONE);
  }

  /** A builder that reports every leaf it computes to {@code progress}. */
  WindowBuilder(
      XmssParameters parameters,
      XmssSecretSeeds seeds,
      RetainedLevels retained,
      LeafProgress progress) {
    this.parameters = parameters;
    this.seeds = seeds;
    this.retained = retained;
    this.progress = progress;
  }

  /**
   * The upper trees above {@code bottomTree}, taking from {@code current} (may be null) every tree
   * that is already the right one and building the others.
   */
  UpperPath pathAbove(long bottomTree, UpperPath current, Executor executor) {
    List<LayerTree> trees = new ArrayList<>();
    for (int layer = 1; layer < parameters.layers(); layer++) {
      long index = UpperPath.indexAbove(parameters, bottomTree, layer);
      LayerTree held = current == null ? null : current.layer(layer);
      if (held != null && held.index() == index) {
        trees.add(held);
      } else {
        trees.add(
            new LayerTree(
                layer, index, build(layer, index, retained.upperFor(parameters), executor)));
      }
    }
    return new UpperPath(trees);
  }

  /** Builds bottom tree {@code index} and signs its root with {@code path}. */
  BottomTree bottomTree(long index, UpperPath path, Executor executor) {
    TreeLevels levels = build(0, index, retained.bottomFor(parameters), executor);
    return new BottomTree(index, levels, signUpward(index, levels.root(), path));
  }

  /**
   * The upper part of every signature in bottom tree {@code index}: for each layer above, the WOTS+
   * signature of the root below and that leaf's authentication path.
   */
  byte[] signUpward(long index, byte[] bottomRoot, UpperPath path) {
    int partLength = parameters.layerSignatureLength();
    byte[] out = new byte[(parameters.layers() - 1) * partLength];
    TreeHasher hasher = new TreeHasher(HashFunctions.forSigning(seeds));
    byte[] message = bottomRoot;
    for (int layer = 1; layer < parameters.layers(); layer++) {
      LayerTree tree = path.layer(layer);
      int leaf = UpperPath.leafAbove(parameters, index, layer);
      int off = (layer - 1) * partLength;
      hasher.wots().sign(message, 0, layer, tree.index(), leaf, out, off);
      LeafBlock block = AuthPath.blockFor(hasher, tree.levels(), layer, tree.index(), leaf);
      AuthPath.write(tree.levels(), block, leaf, out, off + Wots.SIGNATURE_LENGTH);
      progress.computed(upperSigningLeaves());
      message = tree.levels().root();
    }
    return out;
  }

  private TreeLevels build(int layer, long index, int lowest, Executor executor) {
    return TreeBuild.build(
        seeds, layer, index, parameters.treeHeight(), lowest, executor, progress);
  }

  /** Leaves computed to prepare bottom tree {@code index} when {@code current} is held. */
  long leavesToPrepare(long index, UpperPath current) {
    long leaves = parameters.leavesPerTree();
    for (int layer = 1; layer < parameters.layers(); layer++) {
      LayerTree held = current == null ? null : current.layer(layer);
      if (held == null || held.index() != UpperPath.indexAbove(parameters, index, layer)) {
        leaves += parameters.leavesPerTree();
      }
      leaves += upperSigningLeaves();
    }
    return leaves;
  }

  /**
   * What signing a bottom root costs on one upper layer, counted in leaves: the block below the
   * retained levels that holds the signing leaf (none when every level is retained), and one leaf
   * for the WOTS+ signature itself.
   */
  private long upperSigningLeaves() {
    int lowest = retained.upperFor(parameters);
    return (lowest == 0 ? 0 : 1L << lowest) + 1;
  }
}

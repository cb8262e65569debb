package dev.cachet.xmss;

import java.security.MessageDigest;
import java.util.List;

/**
 * Checks a decoded window before it may sign: stored nodes are public and may have been stored
 * anywhere, so a window is accepted only if its trees hash up to the public root and the secret
 * seeds reproduce its newest bottom tree. Costs one pass over the retained nodes plus one leaf
 * block, far less than preparing a tree.
 */
final class WindowCheck {

  private static final int N = XmssParameters.N;

  private WindowCheck() {}

  static void check(PreparedWindow window, XmssSecretSeeds seeds) {
    XmssParameters parameters = window.parameters();
    byte[] root = window.publicKey().rootView();
    List<BottomTree> trees = window.treesView();
    BottomTree newest = trees.get(trees.size() - 1);
    if (!window.path().isAbove(parameters, newest.index())) {
      throw mismatch("its upper trees are not those above bottom tree " + newest.index());
    }
    TreeHasher hasher = new TreeHasher(HashFunctions.forVerifying(seeds.publicSeedView()));
    for (LayerTree tree : window.path().trees()) {
      if (!tree.levels().isConsistent(hasher, tree.layer(), tree.index())) {
        throw mismatch("layer " + tree.layer() + " tree " + tree.index() + " is inconsistent");
      }
    }
    if (!MessageDigest.isEqual(
        window.path().layer(parameters.layers() - 1).levels().root(), root)) {
      throw mismatch("its top tree does not have the public root");
    }
    for (BottomTree tree : trees) {
      if (!tree.levels().isConsistent(hasher, 0, tree.index())) {
        throw mismatch("bottom tree " + tree.index() + " is inconsistent");
      }
      if (!MessageDigest.isEqual(rootAbove(hasher, parameters, tree), root)) {
        throw mismatch(
            "bottom tree " + tree.index() + "'s upper signature does not lead to the root");
      }
    }
    checkSeeds(seeds, newest);
  }

  private static byte[] rootAbove(TreeHasher hasher, XmssParameters parameters, BottomTree tree) {
    byte[] node = tree.levels().root();
    for (int layer = 1; layer < parameters.layers(); layer++) {
      hasher.rootFromSignature(
          tree.upperSignatureView(),
          (layer - 1) * parameters.layerSignatureLength(),
          node,
          layer,
          UpperPath.indexAbove(parameters, tree.index(), layer),
          UpperPath.leafAbove(parameters, tree.index(), layer),
          parameters.treeHeight());
    }
    return node;
  }

  private static void checkSeeds(XmssSecretSeeds seeds, BottomTree tree) {
    TreeHasher hasher = new TreeHasher(HashFunctions.forSigning(seeds));
    int lowest = tree.levels().lowest();
    byte[] node = new byte[N];
    hasher.node(0, tree.index(), lowest, 0, NodeSink.NONE, node, 0);
    if (!tree.levels().nodeEquals(lowest, 0, node, 0)) {
      throw mismatch("the secret seeds do not reproduce bottom tree " + tree.index());
    }
  }

  private static XmssWindowMismatchException mismatch(String why) {
    return new XmssWindowMismatchException("prepared window rejected: " + why);
  }
}

package dev.cachet.xmss;

/**
 * Assembles the RFC 8391 signature of one slot from a prepared bottom tree: index, randomness
 * {@code r = PRF(SK_PRF, idx)}, the WOTS+ signature of {@code H_msg(r || root || idx, M)}, the
 * leaf's authentication path, then the bottom tree's stored upper signature. Only the WOTS+
 * signature and (once per block) the leaf block below the retained levels are computed here.
 */
final class SlotSigner {

  private static final int N = XmssParameters.N;

  private SlotSigner() {}

  static XmssSignature sign(
      XmssPublicKey publicKey, XmssSecretSeeds seeds, BottomTree tree, long slot, byte[] message) {
    XmssParameters parameters = publicKey.parameters();
    byte[] out = new byte[parameters.signatureLength()];
    int indexBytes = parameters.indexBytes();
    for (int i = 0; i < indexBytes; i++) {
      out[i] = (byte) (slot >>> (8 * (indexBytes - 1 - i)));
    }
    HashFunctions hash = HashFunctions.forSigning(seeds);
    hash.randomness(seeds.secretKeyPrfView(), slot, out, indexBytes);
    byte[] digest = new byte[N];
    hash.messageDigest(out, indexBytes, publicKey.rootView(), slot, message, digest, 0);

    int leaf = (int) (slot & (parameters.leavesPerTree() - 1));
    int off = indexBytes + N;
    TreeHasher hasher = new TreeHasher(hash);
    hasher.wots().sign(digest, 0, 0, tree.index(), leaf, out, off);
    LeafBlock block = tree.blockFor(hasher, leaf);
    AuthPath.write(tree.levels(), block, leaf, out, off + Wots.SIGNATURE_LENGTH);
    byte[] upper = tree.upperSignatureView();
    System.arraycopy(upper, 0, out, off + parameters.layerSignatureLength(), upper.length);
    return XmssSignature.wrap(parameters, out);
  }
}

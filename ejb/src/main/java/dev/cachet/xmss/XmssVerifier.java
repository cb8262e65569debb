package dev.cachet.xmss;

import java.security.MessageDigest;

/**
 * RFC 8391 XMSS^MT verification (§4.2.5): recompute every layer's root from the signature and
 * compare the last with the public root. Needs nothing but the public key, so it is independent of
 * any signer's state, and it accepts every conforming signature (BouncyCastle's included).
 */
public final class XmssVerifier {

  private static final int N = XmssParameters.N;

  private XmssVerifier() {}

  /**
   * Whether {@code signature} is a valid signature of {@code message} under {@code publicKey}.
   * False, not an exception, for a signature of another parameter set.
   */
  public static boolean verify(XmssPublicKey publicKey, byte[] message, XmssSignature signature) {
    XmssParameters parameters = publicKey.parameters();
    if (!parameters.equals(signature.parameters())) {
      return false;
    }
    long index = signature.index();
    if (index >= parameters.lifetime()) {
      return false;
    }
    byte[] bytes = signature.view();
    HashFunctions hash = HashFunctions.forVerifying(publicKey.publicSeedView());
    byte[] node = new byte[N];
    int off = parameters.indexBytes();
    hash.messageDigest(bytes, off, publicKey.rootView(), index, message, node, 0);
    off += N;

    TreeHasher hasher = new TreeHasher(hash);
    int height = parameters.treeHeight();
    int leafMask = parameters.leavesPerTree() - 1;
    long tree = index >>> height;
    int leaf = (int) (index & leafMask);
    for (int layer = 0; layer < parameters.layers(); layer++) {
      hasher.rootFromSignature(bytes, off, node, layer, tree, leaf, height);
      off += parameters.layerSignatureLength();
      leaf = (int) (tree & leafMask);
      tree >>>= height;
    }
    return MessageDigest.isEqual(node, publicKey.rootView());
  }

  /**
   * Whether {@code rfcSignature}, in the RFC 8391 layout, is a valid signature of {@code message}
   * under {@code publicKey}; false for bytes of the wrong length.
   */
  public static boolean verify(XmssPublicKey publicKey, byte[] message, byte[] rfcSignature) {
    if (rfcSignature.length != publicKey.parameters().signatureLength()) {
      return false;
    }
    return verify(
        publicKey, message, XmssSignature.fromRfcBytes(publicKey.parameters(), rfcSignature));
  }
}

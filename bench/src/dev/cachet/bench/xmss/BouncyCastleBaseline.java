package dev.cachet.bench.xmss;

import java.security.SecureRandom;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.pqc.crypto.xmss.XMSSKeyGenerationParameters;
import org.bouncycastle.pqc.crypto.xmss.XMSSKeyPairGenerator;
import org.bouncycastle.pqc.crypto.xmss.XMSSParameters;

/**
 * BouncyCastle's time for a tree of the same shape: its XMSS key generation builds one tree (the
 * same WOTS+ leaves and hash tree as our bottom tree) on one thread; it cannot be parallelised. A
 * tree of {@code 2^height} leaves is measured and scaled to the 65,536 leaves of a bottom tree.
 */
final class BouncyCastleBaseline {

  private BouncyCastleBaseline() {}

  /** Seconds BouncyCastle takes to generate an XMSS tree of {@code 2^height} leaves. */
  @SuppressWarnings("deprecation")
  static double secondsForTree(int height) {
    XMSSKeyPairGenerator generator = new XMSSKeyPairGenerator();
    generator.init(
        new XMSSKeyGenerationParameters(
            new XMSSParameters(height, new SHA256Digest()), new SecureRandom(new byte[] {1})));
    long start = System.nanoTime();
    generator.generateKeyPair();
    return (System.nanoTime() - start) / 1e9;
  }
}

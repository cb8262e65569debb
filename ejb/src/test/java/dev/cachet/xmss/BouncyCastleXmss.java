package dev.cachet.xmss;

import java.security.SecureRandom;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.pqc.crypto.xmss.XMSSMTKeyGenerationParameters;
import org.bouncycastle.pqc.crypto.xmss.XMSSMTKeyPairGenerator;
import org.bouncycastle.pqc.crypto.xmss.XMSSMTParameters;
import org.bouncycastle.pqc.crypto.xmss.XMSSMTPrivateKeyParameters;
import org.bouncycastle.pqc.crypto.xmss.XMSSMTPublicKeyParameters;
import org.bouncycastle.pqc.crypto.xmss.XMSSMTSigner;

/**
 * BouncyCastle's XMSS^MT as the test oracle, keyed with our seeds. Its key generator draws SK_SEED,
 * SK_PRF and SEED from the random source in that order, so a source that returns our seeds makes it
 * generate our key. Quirks (DESIGN.md §8): a key rebuilt with {@code withIndex(0)} cannot sign, so
 * index 0 signs with the generated key; {@code withIndex(n)} replays every index before n, so only
 * small parameter sets are signed at large indices.
 */
final class BouncyCastleXmss {

  private final XMSSMTParameters parameters;
  private final XmssSecretSeeds seeds;
  private final XMSSMTPrivateKeyParameters generated;
  private final XMSSMTPublicKeyParameters publicKey;

  BouncyCastleXmss(XmssParameters parameters, XmssSecretSeeds seeds) {
    this.parameters =
        new XMSSMTParameters(parameters.totalHeight(), parameters.layers(), new SHA256Digest());
    this.seeds = seeds;
    XMSSMTKeyPairGenerator generator = new XMSSMTKeyPairGenerator();
    generator.init(new XMSSMTKeyGenerationParameters(this.parameters, new SeedSource(seeds)));
    AsymmetricCipherKeyPair pair = generator.generateKeyPair();
    this.generated = (XMSSMTPrivateKeyParameters) pair.getPrivate();
    this.publicKey = (XMSSMTPublicKeyParameters) pair.getPublic();
  }

  byte[] root() {
    return publicKey.getRoot();
  }

  @SuppressWarnings("deprecation")
  byte[] publicKeyBytes() {
    return publicKey.toByteArray();
  }

  /** BouncyCastle's signature of {@code message} at {@code index}. */
  byte[] sign(long index, byte[] message) {
    XMSSMTPrivateKeyParameters key =
        index == 0
            ? generated
            : new XMSSMTPrivateKeyParameters.Builder(parameters)
                .withIndex(index)
                .withSecretKeySeed(seeds.secretKeySeed())
                .withSecretKeyPRF(seeds.secretKeyPrf())
                .withPublicSeed(seeds.publicSeed())
                .withRoot(root())
                .build();
    XMSSMTSigner signer = new XMSSMTSigner();
    signer.init(true, key);
    return signer.generateSignature(message);
  }

  /** BouncyCastle's verdict on {@code signature} under {@code key}. */
  static boolean verify(XmssPublicKey key, byte[] message, byte[] signature) {
    XmssParameters p = key.parameters();
    XMSSMTParameters parameters =
        new XMSSMTParameters(p.totalHeight(), p.layers(), new SHA256Digest());
    XMSSMTPublicKeyParameters publicKey =
        new XMSSMTPublicKeyParameters.Builder(parameters)
            .withRoot(key.root())
            .withPublicSeed(key.publicSeed())
            .build();
    XMSSMTSigner verifier = new XMSSMTSigner();
    verifier.init(false, publicKey);
    return verifier.verifySignature(message, signature);
  }

  /** Returns the three seeds, in BouncyCastle's order, then fails. */
  private static final class SeedSource extends SecureRandom {

    private final byte[][] seeds;
    private int next;

    SeedSource(XmssSecretSeeds seeds) {
      this.seeds = new byte[][] {seeds.secretKeySeed(), seeds.secretKeyPrf(), seeds.publicSeed()};
    }

    @Override
    public void nextBytes(byte[] bytes) {
      if (next >= seeds.length || bytes.length != seeds[next].length) {
        throw new IllegalStateException("BouncyCastle asked for more than the three seeds");
      }
      System.arraycopy(seeds[next++], 0, bytes, 0, bytes.length);
    }
  }
}

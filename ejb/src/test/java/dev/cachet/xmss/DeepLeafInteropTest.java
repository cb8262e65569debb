package dev.cachet.xmss;

import static dev.cachet.xmss.TestSeeds.POOL;
import static dev.cachet.xmss.TestSeeds.message;
import static dev.cachet.xmss.TestSeeds.seeds;
import static dev.cachet.xmss.XmssBouncyCastleInteropTest.signed;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A leaf deep into the key, slot 2^20 + 5, prepared directly and checked by BouncyCastle's
 * verifier. BouncyCastle cannot sign there itself (its {@code withIndex} replays a million
 * indices), and with h = 32, d = 2 the two trees involved take 131,072 leaves, too slow for the
 * unit suite; so h = 32 is covered with d = 4 (trees of 256 leaves, 4-byte index as in production)
 * and the two-layer shape with h = 24, d = 2 (trees of 4,096 leaves).
 */
class DeepLeafInteropTest {

  private static final long DEEP = (1L << 20) + 5;

  @Test
  void deepLeafOfHeight32KeyPreparedDirectlyVerifiesWithBouncyCastle() {
    XmssParameters parameters = new XmssParameters(32, 4);
    XmssSecretSeeds seeds = seeds(32);
    PreparedWindow atActivation = XmssKeys.generate(parameters, seeds, 0, POOL).window();

    PreparedWindow caughtUp = atActivation.prepareFor(DEEP, POOL);
    XmssSignature signature = signed(caughtUp.sign(DEEP, message(DEEP)));

    assertThat(caughtUp.bottomTrees()).containsExactly(DEEP >>> 8);
    assertThat(signature.index()).isEqualTo(DEEP);
    assertThat(signature.rfcBytes()).hasSize(4 + 32 + 4 * (67 + 8) * 32);
    assertThat(BouncyCastleXmss.verify(caughtUp.publicKey(), message(DEEP), signature.rfcBytes()))
        .isTrue();
    assertThat(XmssVerifier.verify(caughtUp.publicKey(), message(DEEP), signature)).isTrue();
    assertThat(
            signed(
                XmssKeys.generate(parameters, seeds, DEEP, POOL)
                    .window()
                    .sign(DEEP, message(DEEP))))
        .isEqualTo(signature);
  }

  @Test
  void deepLeafOfTwoLayerKeyVerifiesWithBouncyCastle() {
    XmssParameters parameters = new XmssParameters(24, 2);
    GeneratedKey key = XmssKeys.generate(parameters, seeds(24), DEEP, POOL);

    XmssSignature signature = signed(key.window().sign(DEEP, message(DEEP)));

    assertThat(key.window().bottomTrees()).containsExactly(DEEP >>> 12);
    assertThat(BouncyCastleXmss.verify(key.publicKey(), message(DEEP), signature.rfcBytes()))
        .isTrue();
    assertThat(BouncyCastleXmss.verify(key.publicKey(), message(DEEP + 1), signature.rfcBytes()))
        .isFalse();
  }
}

package dev.cachet.xmss;

import static dev.cachet.xmss.TestSeeds.POOL;
import static dev.cachet.xmss.TestSeeds.seeds;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** A stored window is accepted only for its own key and only if intact. */
class WindowCodecTest {

  private static final XmssSecretSeeds SEEDS = seeds(123);
  private static final byte[] ENCODED =
      XmssKeys.generate(new XmssParameters(8, 2), SEEDS, 0, POOL)
          .window()
          .prepareNext(POOL)
          .encode();

  /** Offset of the first retained node of the first bottom tree. */
  private static final int FIRST_NODE = 1 + 4 + 64 + 1 + 8;

  @Test
  void refusesAWindowForOtherSecretSeedsWithTheSamePublicSeed() {
    XmssSecretSeeds other =
        XmssSecretSeeds.of(seeds(9).secretKeySeed(), SEEDS.secretKeyPrf(), SEEDS.publicSeed());

    assertThatThrownBy(() -> PreparedWindow.decode(ENCODED, other))
        .isInstanceOf(XmssWindowMismatchException.class)
        .hasMessageContaining("seeds");
  }

  @Test
  void refusesAWindowOfAnotherPublicSeed() {
    assertThatThrownBy(() -> PreparedWindow.decode(ENCODED, seeds(9)))
        .isInstanceOf(XmssWindowMismatchException.class);
  }

  @Test
  void refusesAnAlteredTreeNode() {
    byte[] bytes = ENCODED.clone();
    bytes[FIRST_NODE + 5] ^= 1;

    assertThatThrownBy(() -> PreparedWindow.decode(bytes, SEEDS))
        .isInstanceOf(XmssWindowMismatchException.class);
  }

  @Test
  void refusesAnAlteredUpperSignature() {
    byte[] bytes = ENCODED.clone();
    bytes[FIRST_NODE + TreeLevels.byteSize(4, 4) + 100] ^= 1;

    assertThatThrownBy(() -> PreparedWindow.decode(bytes, SEEDS))
        .isInstanceOf(XmssWindowMismatchException.class);
  }

  @Test
  void refusesAnAlteredPublicRoot() {
    byte[] bytes = ENCODED.clone();
    bytes[5] ^= 1;

    assertThatThrownBy(() -> PreparedWindow.decode(bytes, SEEDS))
        .isInstanceOf(XmssWindowMismatchException.class);
  }

  @Test
  void refusesMalformedBytes() {
    byte[] version = ENCODED.clone();
    version[0] = 2;
    byte[] treeCount = ENCODED.clone();
    treeCount[69] = 3;

    assertMalformed(version);
    assertMalformed(treeCount);
    assertMalformed(Arrays.copyOf(ENCODED, ENCODED.length - 1));
    assertMalformed(Arrays.copyOf(ENCODED, ENCODED.length + 1));
    assertMalformed(new byte[] {1});
  }

  @Test
  void refusesInvalidParameters() {
    byte[] bytes = ENCODED.clone();
    bytes[1] = 9; // h = 9, d = 2

    assertThatThrownBy(() -> PreparedWindow.decode(bytes, SEEDS))
        .isInstanceOf(XmssParametersException.class);
  }

  private static void assertMalformed(byte[] bytes) {
    assertThatThrownBy(() -> PreparedWindow.decode(bytes, SEEDS))
        .isInstanceOf(XmssEncodingException.class)
        .extracting("code")
        .isEqualTo("XMSS_ENCODING_INVALID");
  }
}

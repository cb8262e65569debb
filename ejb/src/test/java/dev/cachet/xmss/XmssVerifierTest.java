package dev.cachet.xmss;

import static dev.cachet.xmss.TestSeeds.POOL;
import static dev.cachet.xmss.TestSeeds.message;
import static dev.cachet.xmss.TestSeeds.seeds;
import static dev.cachet.xmss.XmssBouncyCastleInteropTest.signed;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Verification rejects every alteration; each case also checks BouncyCastle agrees. */
class XmssVerifierTest {

  private static final XmssParameters SMALL = new XmssParameters(8, 2);
  private static final long SLOT = 21;
  private static final byte[] MESSAGE = message(SLOT);
  private static final GeneratedKey KEY = XmssKeys.generate(SMALL, seeds(8), SLOT, POOL);
  private static final byte[] SIGNATURE = signed(KEY.window().sign(SLOT, MESSAGE)).rfcBytes();

  @Test
  void acceptsTheUnalteredSignature() {
    assertThat(XmssVerifier.verify(KEY.publicKey(), MESSAGE, SIGNATURE)).isTrue();
    assertThat(BouncyCastleXmss.verify(KEY.publicKey(), MESSAGE, SIGNATURE)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 31, 255})
  void rejectsAFlippedBitInTheMessage(int bit) {
    byte[] message = MESSAGE.clone();
    message[bit / 8] ^= (byte) (1 << (bit % 8));

    assertRejected(KEY.publicKey(), message, SIGNATURE);
  }

  /** Bits in r, the bottom WOTS+ signature, its auth path, and the upper layer's parts. */
  @ParameterizedTest
  @ValueSource(ints = {1, 20, 33 + 5, 33 + 2143, 33 + 2144 + 3, 33 + 2272 + 10, 4576})
  void rejectsAFlippedBitInTheSignature(int offset) {
    byte[] signature = SIGNATURE.clone();
    signature[offset] ^= 0x10;

    assertRejected(KEY.publicKey(), MESSAGE, signature);
  }

  @Test
  void rejectsAChangedIndex() {
    byte[] signature = SIGNATURE.clone();
    signature[0] ^= 1; // slot 20 instead of 21

    assertRejected(KEY.publicKey(), MESSAGE, signature);
  }

  @Test
  void rejectsAFlippedBitInTheRoot() {
    byte[] root = KEY.publicKey().root();
    root[31] ^= 1;

    assertRejected(XmssPublicKey.of(SMALL, root, KEY.publicKey().publicSeed()), MESSAGE, SIGNATURE);
  }

  @Test
  void rejectsAnotherPublicSeed() {
    XmssPublicKey other = XmssPublicKey.of(SMALL, KEY.publicKey().root(), new byte[32]);

    assertRejected(other, MESSAGE, SIGNATURE);
  }

  @Test
  void rejectsASignatureOfAnotherParameterSet() {
    XmssPublicKey fourLayers =
        XmssPublicKey.of(
            new XmssParameters(8, 4), KEY.publicKey().root(), KEY.publicKey().publicSeed());
    XmssSignature signature = XmssSignature.fromRfcBytes(SMALL, SIGNATURE);

    assertThat(XmssVerifier.verify(fourLayers, MESSAGE, signature)).isFalse();
    assertThat(XmssVerifier.verify(fourLayers, MESSAGE, SIGNATURE)).isFalse();
  }

  @Test
  void rejectsAnIndexPastTheLifetimeWithoutFailing() {
    XmssParameters twelve = new XmssParameters(12, 3); // 2 index bytes, lifetime 4096
    XmssPublicKey key = XmssKeys.generate(twelve, seeds(12), 0, POOL).publicKey();
    byte[] signature = new byte[twelve.signatureLength()];
    signature[0] = (byte) 0xff;

    assertThat(XmssVerifier.verify(key, MESSAGE, signature)).isFalse();
  }

  @Test
  void rejectsBytesOfTheWrongLength() {
    assertThat(XmssVerifier.verify(KEY.publicKey(), MESSAGE, new byte[SIGNATURE.length - 1]))
        .isFalse();
  }

  private static void assertRejected(XmssPublicKey key, byte[] message, byte[] signature) {
    assertThat(XmssVerifier.verify(key, message, signature)).isFalse();
    assertThat(BouncyCastleXmss.verify(key, message, signature)).isFalse();
  }
}

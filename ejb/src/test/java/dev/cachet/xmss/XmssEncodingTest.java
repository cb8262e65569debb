package dev.cachet.xmss;

import static dev.cachet.xmss.TestSeeds.POOL;
import static dev.cachet.xmss.TestSeeds.message;
import static dev.cachet.xmss.TestSeeds.seeds;
import static dev.cachet.xmss.XmssBouncyCastleInteropTest.signed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Versioned encodings of public keys, secret seeds and signatures. */
class XmssEncodingTest {

  private static final XmssParameters SMALL = new XmssParameters(8, 2);
  private static final XmssSecretSeeds SEEDS = seeds(5);
  private static final GeneratedKey KEY = XmssKeys.generate(SMALL, SEEDS, 0, POOL);

  @Test
  void publicKeyDecodesWhatItEncodes() {
    byte[] encoded = KEY.publicKey().encode();

    assertThat(encoded).hasSize(XmssPublicKey.ENCODED_LENGTH);
    assertThat(XmssPublicKey.decode(encoded)).isEqualTo(KEY.publicKey());
    assertThat(XmssPublicKey.fromRfcBytes(SMALL, KEY.publicKey().rfcBytes()))
        .isEqualTo(KEY.publicKey());
  }

  @Test
  void rfcPublicKeyCarriesTheOidOnlyForRfcSets() {
    XmssPublicKey rfc =
        XmssPublicKey.of(XmssParameters.named("XMSSMT-SHA2_40/4_256"), new byte[32], new byte[32]);
    XmssPublicKey production =
        XmssPublicKey.of(XmssParameters.PRODUCTION, new byte[32], new byte[32]);

    assertThat(Arrays.copyOf(rfc.rfcBytes(), 4)).containsExactly(0, 0, 0, 4);
    assertThat(production.rfcBytes()).hasSize(64);
  }

  @Test
  void rfcPublicKeyWithAnotherSetsOidIsRefused() {
    byte[] bytes =
        XmssPublicKey.of(XmssParameters.named("XMSSMT-SHA2_20/2_256"), new byte[32], new byte[32])
            .rfcBytes();

    assertThatThrownBy(
            () -> XmssPublicKey.fromRfcBytes(XmssParameters.named("XMSSMT-SHA2_20/4_256"), bytes))
        .isInstanceOf(XmssEncodingException.class);
  }

  @Test
  void publicKeyRefusesUnknownVersionAndWrongLength() {
    byte[] encoded = KEY.publicKey().encode();
    encoded[0] = 2;

    assertThatThrownBy(() -> XmssPublicKey.decode(encoded))
        .isInstanceOf(XmssEncodingException.class);
    assertThatThrownBy(() -> XmssPublicKey.decode(new byte[66]))
        .isInstanceOf(XmssEncodingException.class);
  }

  @Test
  void secretSeedsDecodeWhatTheyEncodeAndNeverPrintThemselves() {
    byte[] encoded = SEEDS.encode();

    assertThat(XmssSecretSeeds.decode(encoded)).isEqualTo(SEEDS);
    assertThat(encoded).hasSize(97).startsWith(1);
    assertThat(SEEDS.toString())
        .doesNotContain(java.util.HexFormat.of().formatHex(SEEDS.secretKeySeed()).substring(0, 8));
    encoded[0] = 0;
    assertThatThrownBy(() -> XmssSecretSeeds.decode(encoded))
        .isInstanceOf(XmssEncodingException.class);
  }

  @Test
  void signatureDecodesWhatItEncodes() {
    XmssSignature signature = signed(KEY.window().sign(9, message(9)));
    byte[] encoded = signature.encode();

    assertThat(encoded).hasSize(3 + 4577).startsWith(1, 8, 2);
    assertThat(XmssSignature.decode(encoded)).isEqualTo(signature);
    assertThat(XmssSignature.fromRfcBytes(SMALL, signature.rfcBytes())).isEqualTo(signature);
    assertThat(signature.index()).isEqualTo(9);
  }

  @Test
  void signatureRefusesALengthThatDoesNotFitItsSet() {
    byte[] encoded = signed(KEY.window().sign(9, message(9))).encode();
    encoded[2] = 4; // claims d = 4, whose signatures are longer

    assertThatThrownBy(() -> XmssSignature.decode(encoded))
        .isInstanceOf(XmssEncodingException.class);
    assertThatThrownBy(() -> XmssSignature.fromRfcBytes(SMALL, new byte[10]))
        .isInstanceOf(XmssEncodingException.class);
  }
}

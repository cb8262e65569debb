package dev.cachet.xmss;

import static dev.cachet.xmss.TestSeeds.POOL;
import static dev.cachet.xmss.TestSeeds.message;
import static dev.cachet.xmss.TestSeeds.seeds;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Byte-for-byte interop with BouncyCastle's XMSS^MT (bcprov-jdk18on): same seeds give the same
 * root, same index and message the same signature, and each side verifies the other's.
 */
class XmssBouncyCastleInteropTest {

  @ParameterizedTest(name = "h={0}, d={1}")
  @CsvSource({"8, 2", "10, 2", "12, 3", "12, 4", "20, 4"})
  void publicKeyEqualsBouncyCastles(int totalHeight, int layers) {
    XmssParameters parameters = new XmssParameters(totalHeight, layers);
    XmssSecretSeeds seeds = seeds(totalHeight * 10L + layers);
    BouncyCastleXmss bc = new BouncyCastleXmss(parameters, seeds);

    XmssPublicKey ours = XmssKeys.generate(parameters, seeds, 0, POOL).publicKey();

    assertThat(ours.root()).isEqualTo(bc.root());
    assertThat(ours.rfcBytes()).isEqualTo(bc.publicKeyBytes());
  }

  /** Indices at bottom-tree and upper-tree boundaries and the lifetime's ends. */
  @ParameterizedTest(name = "h={0}, d={1}, index {2}")
  @CsvSource({
    "8, 2, 0",
    "8, 2, 15",
    "8, 2, 16",
    "8, 2, 100",
    "8, 2, 255",
    "10, 2, 31",
    "10, 2, 32",
    "12, 3, 15",
    "12, 3, 16",
    "12, 3, 255",
    "12, 3, 256",
    "12, 4, 63",
    "12, 4, 64",
  })
  void signatureEqualsBouncyCastlesAndBothVerify(int totalHeight, int layers, long index) {
    XmssParameters parameters = new XmssParameters(totalHeight, layers);
    XmssSecretSeeds seeds = seeds(totalHeight * 10L + layers);
    byte[] message = message(index);
    BouncyCastleXmss bc = new BouncyCastleXmss(parameters, seeds);
    GeneratedKey key = XmssKeys.generate(parameters, seeds, index, POOL);

    XmssSignature ours = signed(key.window().sign(index, message));
    byte[] theirs = bc.sign(index, message);

    assertThat(ours.index()).isEqualTo(index);
    assertThat(ours.rfcBytes()).isEqualTo(theirs);
    assertThat(BouncyCastleXmss.verify(key.publicKey(), message, ours.rfcBytes())).isTrue();
    assertThat(XmssVerifier.verify(key.publicKey(), message, theirs)).isTrue();
  }

  @Test
  void rfcSetXmssmtSha2_20_2MatchesBouncyCastleAtIndexZero() {
    XmssParameters parameters = XmssParameters.named("XMSSMT-SHA2_20/2_256");
    XmssSecretSeeds seeds = seeds(2002);
    byte[] message = message(7);
    BouncyCastleXmss bc = new BouncyCastleXmss(parameters, seeds);
    GeneratedKey key = XmssKeys.generate(parameters, seeds, 0, POOL);

    XmssSignature ours = signed(key.window().sign(0, message));

    assertThat(key.publicKey().rfcBytes()).isEqualTo(bc.publicKeyBytes()).hasSize(68);
    assertThat(ours.rfcBytes()).isEqualTo(bc.sign(0, message)).hasSize(4963);
  }

  static XmssSignature signed(SignOutcome outcome) {
    assertThat(outcome).isInstanceOf(SignOutcome.Signed.class);
    return ((SignOutcome.Signed) outcome).signature();
  }
}

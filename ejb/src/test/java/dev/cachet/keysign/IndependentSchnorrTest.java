package dev.cachet.keysign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachet.frost.DealtKeys;
import dev.cachet.frost.Signature;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The simulation's independent verifier checks itself against the RFCs' own vectors. */
class IndependentSchnorrTest {

  private static final HexFormat HEX = HexFormat.of();

  @Test
  void expandMessageXmdMatchesRfc9380() {
    byte[] dst = "QUUX-V01-CS02-with-expander-SHA256-128".getBytes(StandardCharsets.US_ASCII);
    assertThat(HEX.formatHex(IndependentSchnorr.expandMessageXmd(new byte[0], dst, 0x20)))
        .isEqualTo("68a985b87eb6b46952128911f2a4412bbc302a9d759667f87f7a21d803f07235");
    assertThat(
            HEX.formatHex(
                IndependentSchnorr.expandMessageXmd(
                    "abc".getBytes(StandardCharsets.US_ASCII), dst, 0x20)))
        .isEqualTo("d8ccab23b5985ccea865c6c97b6e5b8350e794e603b4b97902f53a8a0d605615");
    assertThat(HEX.formatHex(IndependentSchnorr.expandMessageXmd(new byte[0], dst, 0x80)))
        .startsWith("af84c27ccfd45d41914fdff5df25293e221afc53d8ad2ac06d5e3e29485dadbe")
        .endsWith("c541708d3491184472c2c29bb749d4286b004ceb5ee6b9a7fa5b646c993f0ced");
  }

  @Test
  void acceptsRfc9591Secp256k1SignatureAndRefusesAlteredOnes() {
    byte[] pk = HEX.parseHex("02f37c34b66ced1fb51c34a90bdae006901f10625cc06c4f64663b0eae87d87b4f");
    byte[] msg = HEX.parseHex("74657374");
    byte[] sig =
        HEX.parseHex(
            "0205b6d04d3774c8929413e3c76024d54149c372d57aae62574ed74319b5ea14d0"
                + "c65dde8492a7471437e6c2fe3da49b90d23f642b5c6dbe7e36089f096dd97324");
    assertThat(IndependentSchnorr.verify(pk, msg, sig)).isTrue();
    assertThat(IndependentSchnorr.verify(pk, Fixtures.flipBit(msg, 0, 0), sig)).isFalse();
    assertThat(IndependentSchnorr.verify(pk, msg, Fixtures.flipBit(sig, 64, 0))).isFalse();
    assertThat(IndependentSchnorr.verify(pk, msg, Fixtures.flipBit(sig, 0, 0))).isFalse();
  }

  @Test
  void agreesWithTheCoreOnDealtKeys() {
    DealtKeys dealt = Fixtures.deal(3, 5, 7);
    List<TxDigest> digests = List.of(Fixtures.digest("a"), Fixtures.digest("b"));
    List<Signature> sigs = Fixtures.sign(dealt, digests, 7);
    assertThat(IndependentSchnorr.verify(dealt.groupPublicKey(), digests.get(0), sigs.get(0)))
        .isTrue();
    assertThat(IndependentSchnorr.verify(dealt.groupPublicKey(), digests.get(1), sigs.get(1)))
        .isTrue();
    assertThat(IndependentSchnorr.verify(dealt.groupPublicKey(), digests.get(1), sigs.get(0)))
        .isFalse();
  }
}

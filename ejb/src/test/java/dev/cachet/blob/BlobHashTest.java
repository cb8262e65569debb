package dev.cachet.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BlobHashTest {

  /**
   * Published Blake2b-256 digests (RFC 7693 parameters with a 32-byte output; the same values as
   * Python's hashlib.blake2b(digest_size=32) and libsodium's crypto_generichash).
   */
  @ParameterizedTest
  @CsvSource({
    "'', 0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8",
    "abc, bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319",
    "'The quick brown fox jumps over the lazy dog',"
        + " 01718cec35cd3d796dd00020e0bfecb473ad23457d063b75eff29c0ffa2e58a9",
  })
  void hashesToPublishedBlake2b256Values(String input, String expected) {
    assertThat(BlobHash.of(input.getBytes(StandardCharsets.US_ASCII)).hex()).isEqualTo(expected);
  }

  @Test
  void parsesItsOwnHexForm() {
    BlobHash hash = BlobHash.of(new byte[] {1, 2, 3});
    assertThat(BlobHash.parse(hash.hex())).isEqualTo(hash).hasSameHashCodeAs(hash);
    assertThat(hash.bytes()).hasSize(BlobHash.LENGTH);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "abc",
        "0E5751C026E543B2E8AB2EB06099DAA1D1E5DF47778F7787FAAB45CDF12FE3A8",
        "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a",
        "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a80",
        "0x5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8",
        "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3g8",
      })
  void refusesAnythingButSixtyFourLowercaseHexCharacters(String hex) {
    assertThatThrownBy(() -> BlobHash.parse(hex))
        .isInstanceOf(InvalidBlobHashException.class)
        .extracting("code")
        .isEqualTo("INVALID_HASH");
  }

  @Test
  void refusesNull() {
    assertThatThrownBy(() -> BlobHash.parse(null)).isInstanceOf(InvalidBlobHashException.class);
  }

  @Test
  void ordersLikeItsHexForm() {
    BlobHash low = BlobHash.parse("0f" + "00".repeat(31));
    BlobHash high = BlobHash.parse("f0" + "00".repeat(31));
    assertThat(low).isLessThan(high);
    assertThat(low.hex().compareTo(high.hex())).isNegative();
  }

  @Test
  void handsOutCopiesOfItsBytes() {
    BlobHash hash = BlobHash.of(new byte[0]);
    hash.bytes()[0] ^= 1;
    assertThat(hash.hex()).startsWith("0e57");
  }
}

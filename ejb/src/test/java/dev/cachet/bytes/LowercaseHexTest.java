package dev.cachet.bytes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LowercaseHexTest {

  @Test
  void exactlyTakesOnlyItsLengthInLowercase() {
    assertThat(LowercaseHex.exactly("00ff7a", 3)).containsExactly(0x00, 0xff, 0x7a);
    assertThat(LowercaseHex.exactly("00ff7a", 2)).isNull();
    assertThat(LowercaseHex.exactly("00FF7a", 3)).isNull();
    assertThat(LowercaseHex.exactly("00ff7g", 3)).isNull();
    assertThat(LowercaseHex.exactly(null, 3)).isNull();
    assertThat(LowercaseHex.exactly("", 0)).isEmpty();
  }

  @Test
  void upToTakesOneToMaxBytesInLowercase() {
    assertThat(LowercaseHex.upTo("ab", 1)).containsExactly(0xab);
    assertThat(LowercaseHex.upTo("abcd", 1)).as("too long").isNull();
    assertThat(LowercaseHex.upTo("", 4)).as("empty").isNull();
    assertThat(LowercaseHex.upTo("abc", 4)).as("odd").isNull();
    assertThat(LowercaseHex.upTo("aB", 4)).as("uppercase").isNull();
    assertThat(LowercaseHex.upTo("0x", 4)).as("a prefix").isNull();
    assertThat(LowercaseHex.upTo(" a", 4)).as("whitespace").isNull();
    assertThat(LowercaseHex.upTo(null, 4)).isNull();
  }
}

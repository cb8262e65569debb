package dev.cachet.bytes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What every byte value does, whatever it means. */
class ByteValueTest {

  private static final class Left extends ByteValue {
    Left(byte[] owned) {
      super(owned);
    }

    int compare(Left other) {
      return compareBytes(other);
    }
  }

  private static final class Right extends ByteValue {
    Right(byte[] owned) {
      super(owned);
    }
  }

  @Test
  void equalOnlyToTheSameKindWithTheSameBytes() {
    assertThat(new Left(new byte[] {1, 2})).isEqualTo(new Left(new byte[] {1, 2}));
    assertThat(new Left(new byte[] {1, 2})).hasSameHashCodeAs(new Left(new byte[] {1, 2}));
    assertThat(new Left(new byte[] {1, 2})).isNotEqualTo(new Left(new byte[] {1, 3}));
    assertThat((Object) new Left(new byte[] {1, 2})).isNotEqualTo(new Right(new byte[] {1, 2}));
    assertThat(new Left(new byte[] {1})).isNotEqualTo(null);
  }

  @Test
  void handsOutCopiesAndPrintsLowercaseHex() {
    Left value = new Left(new byte[] {(byte) 0xab, 0x01});
    value.bytes()[0] = 0;
    assertThat(value.bytes()).containsExactly((byte) 0xab, 0x01);
    assertThat(value.hex()).isEqualTo("ab01");
    assertThat(value).hasToString("ab01");
    assertThat(value.length()).isEqualTo(2);
  }

  @Test
  void ordersByUnsignedBytes() {
    assertThat(new Left(new byte[] {(byte) 0x80}).compare(new Left(new byte[] {0x7f})))
        .isPositive();
    assertThat(new Left(new byte[] {0x01}).compare(new Left(new byte[] {0x01}))).isZero();
  }

  @Test
  void parsesOnlyLowercaseHexOfTheLength() {
    assertThat(ByteValue.parseLowercaseHex("ab01", 2)).containsExactly((byte) 0xab, 0x01);
    assertThat(ByteValue.parseLowercaseHex("AB01", 2)).isNull();
    assertThat(ByteValue.parseLowercaseHex("ab0", 2)).isNull();
    assertThat(ByteValue.parseLowercaseHex("ab0100", 2)).isNull();
    assertThat(ByteValue.parseLowercaseHex("zz01", 2)).isNull();
    assertThat(ByteValue.parseLowercaseHex(null, 2)).isNull();
  }
}

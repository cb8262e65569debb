package dev.cachet.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class EnvelopeCodecTest {

  private final byte[] encoded =
      EnvelopeCodec.encode(
          new EnvelopeCipher(new SecureRandom())
              .seal("record", 1, new byte[] {1, 2, 3}, TestKeys.key(1), "command"));

  @Test
  void refusesAnUnknownSchemaVersion() {
    byte[] bytes = encoded.clone();
    bytes[0] = 2;
    assertCode(bytes, "STATE_SCHEMA_UNKNOWN");
  }

  @Test
  void refusesAnUnknownAlgorithm() {
    byte[] bytes = encoded.clone();
    bytes[2] = 'B'; // "AES-256-GCM" -> "BES-256-GCM"
    assertCode(bytes, "STATE_ALGORITHM_UNKNOWN");
  }

  @Test
  void refusesTruncatedAndTrailingBytes() {
    assertCode(Arrays.copyOf(encoded, encoded.length - 1), "STATE_ENVELOPE_MALFORMED");
    assertCode(Arrays.copyOf(encoded, encoded.length + 1), "STATE_ENVELOPE_MALFORMED");
    assertCode(new byte[] {1}, "STATE_ENVELOPE_MALFORMED");
  }

  @Test
  void refusesOversizedInputBeforeDecodingAnything() {
    byte[] huge = new byte[EnvelopeCodec.MAX_ENCODED + 1];
    huge[0] = 99; // an unknown schema would be reported if decoding had started
    assertThatThrownBy(() -> EnvelopeCodec.decode(huge)).isInstanceOf(StateTooLargeException.class);
  }

  @Test
  void refusesADeclaredCiphertextLengthOverTheLimitWithoutAllocatingIt() {
    byte[] bytes = encoded.clone();
    int lengthOffset = bytes.length - 3 - 16 - 4;
    ByteBuffer.wrap(bytes).putInt(lengthOffset, Integer.MAX_VALUE);
    assertThatThrownBy(() -> EnvelopeCodec.decode(bytes))
        .isInstanceOf(StateTooLargeException.class);
  }

  @Test
  void refusesALengthLongerThanWhatRemains() {
    byte[] bytes = encoded.clone();
    int lengthOffset = bytes.length - 3 - 16 - 4;
    ByteBuffer.wrap(bytes).putInt(lengthOffset, 1000);
    assertCode(bytes, "STATE_ENVELOPE_MALFORMED");
  }

  @Test
  void decodesWhatItEncodes() {
    assertThat(EnvelopeCodec.encode(EnvelopeCodec.decode(encoded))).isEqualTo(encoded);
  }

  private static void assertCode(byte[] bytes, String code) {
    assertThatThrownBy(() -> EnvelopeCodec.decode(bytes))
        .isInstanceOf(StateEnvelopeException.class)
        .extracting("code")
        .isEqualTo(code);
  }
}

package dev.cachet.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachet.xmss.XmssParameters;
import dev.cachet.xmss.XmssPublicKey;
import dev.cachet.xmss.XmssSecretSeeds;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SigningRecordCodecTest {

  private static final XmssParameters SMALL = new XmssParameters(8, 2);

  private static SigningMessage message(int seed) {
    byte[] bytes = new byte[32];
    new Random(seed).nextBytes(bytes);
    return SigningMessage.of(bytes);
  }

  private static SigningRecord fresh() {
    byte[] root = new byte[32];
    new Random(1).nextBytes(root);
    XmssSecretSeeds seeds = XmssSecretSeeds.generate(new SecureRandom());
    return SigningRecord.create(XmssPublicKey.of(SMALL, root, seeds.publicSeed()), seeds, 3, 5);
  }

  private static byte[] signature(int seed) {
    byte[] bytes = new byte[SMALL.signatureLength()];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  @Test
  void roundTripsEveryField() {
    SigningRecord record = fresh();
    for (int slot = 5; slot < 45; slot++) {
      record = record.withSignature(slot, message(slot), signature(slot));
    }
    record = record.retire();

    SigningRecord decoded = SigningRecordCodec.decode(SigningRecordCodec.encode(record));

    assertThat(decoded.publicKey()).isEqualTo(record.publicKey());
    assertThat(decoded.seeds()).isEqualTo(record.seeds());
    assertThat(decoded.activationSlot()).isEqualTo(3);
    assertThat(decoded.firstSignableSlot()).isEqualTo(5);
    assertThat(decoded.highest()).isEqualTo(record.highest());
    assertThat(decoded.highest().orElseThrow().slot()).isEqualTo(44);
    assertThat(decoded.highestSignature()).isEqualTo(signature(44));
    assertThat(decoded.history()).hasSize(SigningRecord.HISTORY).isEqualTo(record.history());
    assertThat(decoded.history().get(0).slot()).isEqualTo(43);
    assertThat(decoded.retired()).isTrue();
  }

  @Test
  void readsARecordOf010ThatNamesItsWindowBlob() {
    SigningRecord record = fresh().withSignature(5, message(5), signature(5));
    byte[] current = SigningRecordCodec.encode(record);
    byte[] reference = "ab".repeat(32).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] legacy = Arrays.copyOf(current, current.length + reference.length);
    legacy[current.length - 1] = (byte) reference.length;
    System.arraycopy(reference, 0, legacy, current.length, reference.length);

    SigningRecord decoded = SigningRecordCodec.decode(legacy);

    assertThat(decoded.highest()).isEqualTo(record.highest());
    assertThat(SigningRecordCodec.encode(decoded)).isEqualTo(current);
  }

  @Test
  void refusesAnUnknownVersionTruncationAndTrailingBytes() {
    byte[] bytes = SigningRecordCodec.encode(fresh().withSignature(5, message(5), signature(5)));
    byte[] otherVersion = bytes.clone();
    otherVersion[0] = 2;
    assertThatThrownBy(() -> SigningRecordCodec.decode(otherVersion))
        .hasMessageContaining("unknown version 2");
    assertThatThrownBy(() -> SigningRecordCodec.decode(Arrays.copyOf(bytes, bytes.length - 1)))
        .hasMessageContaining("truncated");
    assertThatThrownBy(() -> SigningRecordCodec.decode(Arrays.copyOf(bytes, bytes.length + 1)))
        .hasMessageContaining("trailing");
  }

  @Test
  void neverPrintsTheSeeds() {
    SigningRecord record = fresh();
    assertThat(record.toString())
        .doesNotContain(java.util.HexFormat.of().formatHex(record.seeds().secretKeySeed()));
  }
}

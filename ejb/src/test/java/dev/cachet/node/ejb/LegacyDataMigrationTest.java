package dev.cachet.node.ejb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** 0.1.0's timestamps are read from Java's serial form of Instant, never by deserializing. */
class LegacyDataMigrationTest {

  @Test
  void readsTheInstantsThatJavaSerializationWrote() throws IOException {
    for (Instant instant :
        new Instant[] {
          Instant.parse("2026-12-01T22:55:42.802267953Z"),
          Instant.EPOCH,
          Instant.parse("1969-07-20T20:17:40Z"),
          Instant.parse("2100-01-01T00:00:00.000000001Z")
        }) {
      assertThat(LegacyDataMigration.serializedInstant(serialized(instant))).isEqualTo(instant);
    }
  }

  @Test
  void refusesBytesThatAreNotASerializedInstant() throws IOException {
    byte[] good = serialized(Instant.EPOCH);
    assertThatThrownBy(() -> LegacyDataMigration.serializedInstant(new byte[3]))
        .hasMessageContaining("too short");
    byte[] otherType = good.clone();
    otherType[good.length - 14] = 3; // a Duration's type byte
    assertThatThrownBy(() -> LegacyDataMigration.serializedInstant(otherType))
        .hasMessageContaining("no Instant data block");
    byte[] cut = Arrays.copyOf(good, good.length - 1);
    assertThatThrownBy(() -> LegacyDataMigration.serializedInstant(cut))
        .isInstanceOf(IllegalStateException.class);
  }

  private static byte[] serialized(Instant instant) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(instant);
    }
    return bytes.toByteArray();
  }
}

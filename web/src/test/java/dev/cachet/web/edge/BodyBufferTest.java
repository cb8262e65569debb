package dev.cachet.web.edge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A body buffer holds at most its limit, whatever the declared length, and grows as bytes come. */
class BodyBufferTest {

  private static final byte[] CHUNK = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};

  @Test
  void holdsExactlyTheLimitAndRefusesTheByteBeyond() {
    BodyBuffer buffer = new BodyBuffer(10, -1);
    assertThat(buffer.append(CHUNK, 6)).isTrue();
    assertThat(buffer.append(CHUNK, 4)).isTrue();
    assertThat(buffer.append(CHUNK, 1)).isFalse();
    assertThat(buffer.bytes()).containsExactly(1, 2, 3, 4, 5, 6, 1, 2, 3, 4);
  }

  @Test
  void growsPastItsDeclaredLengthUpToTheLimit() {
    BodyBuffer buffer = new BodyBuffer(25, 2);
    for (int i = 0; i < 2; i++) {
      assertThat(buffer.append(CHUNK, 10)).isTrue();
    }
    assertThat(buffer.append(CHUNK, 5)).isTrue();
    assertThat(buffer.append(CHUNK, 1)).isFalse();
    assertThat(buffer.bytes()).hasSize(25);
  }

  @Test
  void aLargeDeclaredLengthCostsNothingUntilItsBytesArrive() {
    BodyBuffer buffer = new BodyBuffer(16 * 1024 * 1024, 16 * 1024 * 1024);
    assertThat(buffer.capacity()).isLessThanOrEqualTo(64 * 1024);
    byte[] megabyte = new byte[1024 * 1024];
    for (int i = 0; i < 16; i++) {
      assertThat(buffer.append(megabyte, megabyte.length)).isTrue();
    }
    assertThat(buffer.append(megabyte, 1)).isFalse();
    assertThat(buffer.bytes()).hasSize(16 * 1024 * 1024);
  }

  @Test
  void anEmptyBodyIsEmpty() {
    assertThat(new BodyBuffer(64, 0).bytes()).isEmpty();
  }
}

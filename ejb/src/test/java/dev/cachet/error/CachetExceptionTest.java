package dev.cachet.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CachetExceptionTest {

  @Test
  void requiresUpperSnakeCaseCodes() {
    assertThat(new ConflictException("DOUBLE_SIGN", "m").code()).isEqualTo("DOUBLE_SIGN");
    assertThatThrownBy(() -> new ConflictException("doubleSign", "m"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ConflictException("DOUBLE__SIGN", "m"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void retryLaterCarriesANonNegativeDelay() {
    assertThat(new RetryLaterException("NOT_PREPARED", "m", Duration.ofSeconds(3)).retryAfter())
        .isEqualTo(Duration.ofSeconds(3));
    assertThatThrownBy(() -> new RetryLaterException("NOT_PREPARED", "m", Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void retryLaterNeverAsksForMoreThanADay() {
    Duration forever = Duration.ofSeconds(Long.MAX_VALUE);
    assertThat(new RetryLaterException("NOT_PREPARED", "m", forever).retryAfter())
        .isEqualTo(RetryLaterException.LONGEST)
        .isEqualTo(Duration.ofDays(1));
  }
}

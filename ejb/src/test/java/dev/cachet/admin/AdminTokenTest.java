package dev.cachet.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class AdminTokenTest {

  private static final String SECRET = "correct-horse-battery-staple";

  @Test
  void acceptsOnlyTheExactToken() {
    AdminToken token = AdminToken.of(SECRET);
    assertThat(token.matches(SECRET)).isTrue();
    assertThat(token.matches(SECRET + "x")).isFalse();
    assertThat(token.matches(SECRET.substring(1))).isFalse();
    assertThat(token.matches("")).isFalse();
    assertThat(token.matches(null)).isFalse();
    assertThat(token.matches(SECRET.toUpperCase())).isFalse();
  }

  @Test
  void neverShowsTheTokenInItsString() {
    assertThat(AdminToken.of(SECRET).toString()).doesNotContain(SECRET);
  }

  @Test
  void refusesShortOrBlankTokens() {
    assertThatThrownBy(() -> AdminToken.of("short")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AdminToken.of("has a space in the middle"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("has a space");
  }

  @Test
  void generatesDistinctSixtyFourHexCharacterTokens() {
    SecureRandom random = new SecureRandom();
    String a = AdminToken.generate(random);
    String b = AdminToken.generate(random);
    assertThat(a).matches("[0-9a-f]{64}").isNotEqualTo(b);
    assertThat(AdminToken.of(a).matches(a)).isTrue();
  }
}

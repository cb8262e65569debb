package dev.cachet.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachet.error.InvalidRequestException;
import dev.cachet.xmss.XmssParameters;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Which parameters a key request means. */
class KeyParametersTest {

  private static final OptionalInt NONE = OptionalInt.empty();

  @Test
  void aGenerationNamingNoneGetsTheProductionSet() {
    assertThat(KeyParameters.forGeneration(NONE, NONE)).isEqualTo(XmssParameters.PRODUCTION);
    assertThat(KeyParameters.forGeneration(OptionalInt.of(8), OptionalInt.of(2)))
        .isEqualTo(new XmssParameters(8, 2));
  }

  @Test
  void halfASetOrAnImpossibleOneIsInvalidParameters() {
    assertThatThrownBy(() -> KeyParameters.forGeneration(OptionalInt.of(8), NONE))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> assertThat(e.code()).isEqualTo("INVALID_PARAMETERS"));
    assertThatThrownBy(() -> KeyParameters.forGeneration(OptionalInt.of(7), OptionalInt.of(2)))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> assertThat(e.code()).isEqualTo("INVALID_PARAMETERS"));
  }

  @Test
  void anImportNamesBoth() {
    assertThatThrownBy(() -> KeyParameters.forImport(NONE, NONE))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> assertThat(e.code()).isEqualTo("INVALID_PARAMETERS"));
    assertThat(KeyParameters.forImport(OptionalInt.of(20), OptionalInt.of(4)))
        .isEqualTo(new XmssParameters(20, 4));
  }
}

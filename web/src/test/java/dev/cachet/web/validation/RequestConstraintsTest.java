package dev.cachet.web.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachet.error.InvalidRequestException;
import dev.cachet.web.keys.KeyRequests;
import dev.cachet.web.keys.ValidatorResource;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The request records' constraints under Hibernate Validator (what Payara runs), and the one answer
 * {@link Violations} makes of them: the codes README documents, the field named.
 */
class RequestConstraintsTest {

  private static final String HEX = "ab".repeat(32);

  private static ValidatorFactory factory;
  private static Validator validator;

  @BeforeAll
  static void open() {
    factory = Validation.buildDefaultValidatorFactory();
    validator = factory.getValidator();
  }

  @AfterAll
  static void close() {
    factory.close();
  }

  private static <T> InvalidRequestException refusal(T request) {
    Set<ConstraintViolation<T>> violations = validator.validate(request);
    assertThat(violations).as("violations of %s", request).isNotEmpty();
    return Violations.refusal(violations);
  }

  @Test
  void aGenerationNamesItsValidatorAndRole() {
    assertThat(refusal(new KeyRequests.Generate(null, "ATTESTATION", null, null, null)))
        .hasMessage("validatorIndex is required")
        .extracting(InvalidRequestException::code)
        .isEqualTo("INVALID_VALIDATOR_INDEX");
    assertThat(refusal(new KeyRequests.Generate(-1L, "ATTESTATION", null, null, null)).code())
        .isEqualTo("INVALID_VALIDATOR_INDEX");
    assertThat(refusal(new KeyRequests.Generate(1L, null, null, null, null)).code())
        .isEqualTo("INVALID_ROLE");
    assertThat(refusal(new KeyRequests.Generate(1L, "ATTESTATION", null, null, -5L)))
        .hasMessage("activationSlot must not be negative")
        .extracting(InvalidRequestException::code)
        .isEqualTo("INVALID_SLOT");
    assertThat(validator.validate(new KeyRequests.Generate(1L, "PROPOSAL", 8, 2, 0L))).isEmpty();
  }

  @Test
  void anImportNamesItsParametersAndGivesItsSeedsInLowercaseHex() {
    assertThat(
            refusal(new KeyRequests.Import(1L, "ATTESTATION", null, 2, HEX, HEX, HEX, null, null))
                .code())
        .isEqualTo("INVALID_PARAMETERS");
    assertThat(
            refusal(
                new KeyRequests.Import(
                    1L, "ATTESTATION", 8, 2, HEX.toUpperCase(), HEX, HEX, null, null)))
        .hasMessageStartingWith("secretKeySeed must be 32 bytes")
        .extracting(InvalidRequestException::code)
        .isEqualTo("INVALID_HEX");
    assertThat(
            refusal(new KeyRequests.Import(1L, "ATTESTATION", 8, 2, HEX, HEX, HEX, "abc", null))
                .code())
        .isEqualTo("INVALID_HEX");
    assertThat(
            validator.validate(
                new KeyRequests.Import(1L, "ATTESTATION", 8, 2, HEX, HEX, HEX, null, 3L)))
        .isEmpty();
  }

  @Test
  void aSigningRequestNamesItsSlotAndItsMessage() {
    assertThat(refusal(new ValidatorResource.Attestation(null, HEX)))
        .hasMessage("slot is required")
        .extracting(InvalidRequestException::code)
        .isEqualTo("INVALID_SLOT");
    assertThat(refusal(new ValidatorResource.Attestation(4L, HEX + "00")).code())
        .isEqualTo("INVALID_MESSAGE");
    assertThat(refusal(new ValidatorResource.Block(4L, null)))
        .hasMessageStartingWith("blockRoot must be 32 bytes")
        .extracting(InvalidRequestException::code)
        .isEqualTo("INVALID_MESSAGE");
    assertThat(validator.validate(new ValidatorResource.Attestation(0L, HEX))).isEmpty();
  }

  @Test
  void severalViolationsAlwaysGetTheSameAnswer() {
    KeyRequests.Import bad =
        new KeyRequests.Import(null, null, null, null, "x", "y", "z", "w", -1L);
    for (int i = 0; i < 20; i++) {
      assertThat(refusal(bad)).hasMessage("height is required");
    }
  }

  @Test
  void aPayloadNamesItsCode() {
    assertThat(ErrorCode.snake("InvalidValidatorIndex")).isEqualTo("INVALID_VALIDATOR_INDEX");
    assertThat(ErrorCode.of(Set.of())).isEqualTo(ErrorCode.DEFAULT);
  }
}

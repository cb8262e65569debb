package dev.cachet.web.validation;

import jakarta.validation.Payload;
import java.util.Set;

/**
 * The error code a violated constraint answers with, carried as the constraint's payload: the
 * payload interface's name in UPPER_SNAKE_CASE ({@code InvalidHex} is {@code INVALID_HEX}). A
 * constraint without one is {@link #DEFAULT}.
 */
public final class ErrorCode {

  /** The code of a constraint that names none. */
  public static final String DEFAULT = "INVALID_REQUEST";

  private ErrorCode() {}

  /** {@code INVALID_VALIDATOR_INDEX}. */
  public interface InvalidValidatorIndex extends Payload {}

  /** {@code INVALID_ROLE}. */
  public interface InvalidRole extends Payload {}

  /** {@code INVALID_SLOT}. */
  public interface InvalidSlot extends Payload {}

  /** {@code INVALID_PARAMETERS}. */
  public interface InvalidParameters extends Payload {}

  /** {@code INVALID_HEX}. */
  public interface InvalidHex extends Payload {}

  /** {@code INVALID_MESSAGE}. */
  public interface InvalidMessage extends Payload {}

  /** {@code INVALID_COMMITTEE}. */
  public interface InvalidCommittee extends Payload {}

  /** The code named by {@code payloads}, or {@link #DEFAULT}. */
  public static String of(Set<Class<? extends Payload>> payloads) {
    return payloads.stream()
        .filter(p -> p.getEnclosingClass() == ErrorCode.class)
        .map(p -> snake(p.getSimpleName()))
        .findFirst()
        .orElse(DEFAULT);
  }

  static String snake(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(java.util.Locale.ROOT);
  }
}

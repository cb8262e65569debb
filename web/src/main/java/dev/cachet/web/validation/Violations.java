package dev.cachet.web.validation;

import dev.cachet.error.InvalidRequestException;
import jakarta.validation.ConstraintViolation;
import java.util.Comparator;
import java.util.Set;

/**
 * The one answer to violated constraints of a request: the first violation in the order of its
 * field name (so the same bad request always gets the same answer) as 400 with its {@link
 * ErrorCode}, the message naming the field.
 */
public final class Violations {

  private Violations() {}

  /** The refusal for {@code violations}, which must not be empty. */
  public static InvalidRequestException refusal(Set<? extends ConstraintViolation<?>> violations) {
    ConstraintViolation<?> first =
        violations.stream()
            .min(
                Comparator.comparing((ConstraintViolation<?> v) -> v.getPropertyPath().toString())
                    .thenComparing(ConstraintViolation::getMessage))
            .orElseThrow(() -> new IllegalArgumentException("no violation"));
    String field = first.getPropertyPath().toString();
    return new InvalidRequestException(
        ErrorCode.of(first.getConstraintDescriptor().getPayload()),
        (field.isEmpty() ? "" : field + " ") + first.getMessage());
  }
}

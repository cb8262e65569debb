package dev.cachet.web.validation;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Pattern;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * A request field's constraint: a string is 32 bytes as 64 lowercase hex characters (null is valid:
 * combine with {@link Required}). Answers with the {@link ErrorCode} given as its payload.
 *
 * <p>{@code @Pattern} itself, placed on a record component, also lands on the canonical
 * constructor's parameter, where Payara 6's OpenAPI scanner fails with a NullPointerException and
 * {@code /openapi} answers 500. This constraint applies to fields only, so it reaches the record's
 * field (where Bean Validation checks it) and nowhere else.
 */
@Documented
@Constraint(validatedBy = {})
@Pattern(regexp = "[0-9a-f]{64}")
@ReportAsSingleViolation
@Target(FIELD)
@Retention(RUNTIME)
public @interface Hex32 {

  String message() default "must be 32 bytes as 64 lowercase hex characters";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};
}

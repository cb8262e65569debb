package dev.cachet.web.validation;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.NotNull;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * A request field's constraint: a value is present. Answers with the {@link ErrorCode} given as its
 * payload.
 *
 * <p>{@code @NotNull} itself, placed on a record component, also lands on the canonical
 * constructor's parameter, where Payara 6's OpenAPI scanner fails with a NullPointerException and
 * {@code /openapi} answers 500. This constraint applies to fields only, so it reaches the record's
 * field (where Bean Validation checks it) and nowhere else.
 */
@Documented
@Constraint(validatedBy = {})
@NotNull
@ReportAsSingleViolation
@Target(FIELD)
@Retention(RUNTIME)
public @interface Required {

  String message() default "is required";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};
}

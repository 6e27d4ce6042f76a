package dev.shopflow.inventory.product;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/** The number must not be 0 ({@code null} is valid: combine with {@code @NotNull}). */
@Documented
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = NonZero.Validator.class)
@interface NonZero {

	String message() default "must not be 0";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	/** Checks a {@link Number} against 0. */
	class Validator implements ConstraintValidator<NonZero, Number> {

		@Override
		public boolean isValid(Number value, ConstraintValidatorContext context) {
			return value == null || value.longValue() != 0;
		}

	}

}

package org.alima.portal.api.documents;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/** A date that exists, written YYYY-MM-DD, between the years 1000 and 9999. */
@Retention(RUNTIME)
@Target({FIELD, PARAMETER, RECORD_COMPONENT})
@Constraint(validatedBy = {})
@interface CalendarDate {
    String message() default "must be a real date written YYYY-MM-DD, such as 2024-03-31";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}

package org.alima.portal.api.system;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * The annotated text must be storable and displayable as it is: no NUL or other control character (tab and line
 * breaks excepted) and no unpaired UTF-16 surrogate. PostgreSQL refuses NUL in text, and a lone surrogate cannot be
 * encoded in UTF-8; both are rejected at the door with the offending position rather than failing later.
 */
@Documented
@Retention(RUNTIME)
@Target({FIELD, PARAMETER, RECORD_COMPONENT, TYPE_USE})
@Constraint(validatedBy = {})
public @interface PlainText {

    String message() default "must be plain text without control characters or invalid Unicode";

    Class<?>[] groups() default {};

    Class<? extends jakarta.validation.Payload>[] payload() default {};
}

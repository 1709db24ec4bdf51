package org.alima.portal.api.documents;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/** An ORCID iD in its 16-character form with a valid ISO 7064 MOD 11-2 check character. */
@Retention(RUNTIME)
@Target({FIELD, PARAMETER, RECORD_COMPONENT, TYPE_USE})
@Constraint(validatedBy = {})
@interface Orcid {
    String message() default
            "must be an ORCID iD such as 0000-0002-1825-0097 (16 characters, last one a check digit or X)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}

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

/** An ISO 3166-1 alpha-2 country code in upper case, one that exists (e.g. ML, NE, BF, CD). */
@Retention(RUNTIME)
@Target({FIELD, PARAMETER, RECORD_COMPONENT, TYPE_USE})
@Constraint(validatedBy = {})
@interface IsoCountry {
    String message() default "must be an ISO 3166-1 alpha-2 country code in upper case, such as ML or CD";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}

package org.alima.portal.api.system;

import io.micronaut.core.annotation.AnnotationValue;
import io.micronaut.validation.validator.constraints.ConstraintValidator;
import io.micronaut.validation.validator.constraints.ConstraintValidatorContext;
import jakarta.inject.Singleton;

/** Checks {@link PlainText}; stateless and thread-safe. */
@Singleton
final class PlainTextValidator implements ConstraintValidator<PlainText, CharSequence> {

    @Override
    public boolean isValid(
            CharSequence value, AnnotationValue<PlainText> annotation, ConstraintValidatorContext context) {
        String problem = value == null ? null : TextChecks.firstProblem(value);
        if (problem != null) {
            context.messageTemplate(problem);
            return false;
        }
        return true;
    }
}

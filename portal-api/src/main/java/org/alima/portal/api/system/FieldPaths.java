package org.alima.portal.api.system;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import java.util.Comparator;
import java.util.List;

/** Names the field of a bean-validation violation as the client wrote it ({@code authors[1].orcid}, {@code size}). */
final class FieldPaths {

    private FieldPaths() {}

    static List<FieldError> errors(ConstraintViolationException exception) {
        return exception.getConstraintViolations().stream()
                .map(v -> new FieldError(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(FieldError::field))
                .toList();
    }

    /**
     * A violation's path starts with the method and its parameter ({@code update.request.title}); a client knows only
     * what follows the parameter, or the parameter itself when it is a query value.
     */
    static String fieldOf(ConstraintViolation<?> violation) {
        StringBuilder field = new StringBuilder();
        String parameter = null;
        for (Path.Node node : violation.getPropertyPath()) {
            ElementKind kind = node.getKind();
            if (kind == ElementKind.METHOD || kind == ElementKind.CONSTRUCTOR || kind == ElementKind.RETURN_VALUE) {
                continue;
            }
            if (kind == ElementKind.PARAMETER) {
                parameter = node.getName();
                continue;
            }
            // The index of an element sits on the node after the list: authors, then [1].orcid.
            if (node.isInIterable() && node.getIndex() != null) {
                field.append('[').append(node.getIndex()).append(']');
            }
            if (node.getName() != null
                    && !node.getName().isEmpty()
                    && !node.getName().startsWith("<")) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(node.getName());
            }
        }
        if (!field.isEmpty()) {
            return field.toString();
        }
        return parameter != null ? parameter : violation.getPropertyPath().toString();
    }
}

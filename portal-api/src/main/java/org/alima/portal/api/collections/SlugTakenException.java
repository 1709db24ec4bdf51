package org.alima.portal.api.collections;

import java.util.List;
import org.alima.portal.api.system.FieldError;
import org.alima.portal.api.system.PortalException;
import org.alima.portal.api.system.Problem;

/** Another collection has the slug asked for (409 {@code slug-taken}). */
final class SlugTakenException extends PortalException {

    SlugTakenException(String slug, Throwable cause) {
        super("A collection with the slug '" + slug + "' already exists; choose another slug.", cause);
    }

    @Override
    public Problem problem() {
        return Problem.of(409, "slug-taken", "Slug already in use", getMessage())
                .withErrors(List.of(new FieldError("slug", "is already used by another collection")));
    }
}

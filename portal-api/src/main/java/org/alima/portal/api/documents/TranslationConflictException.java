package org.alima.portal.api.documents;

import org.alima.portal.api.system.PortalException;
import org.alima.portal.api.system.Problem;

/**
 * Two documents that cannot be linked as translations, or unlinked, as they stand (409): same language, no language,
 * versions of one work, a language the set already holds, not linked. The detail says which and what to do.
 */
final class TranslationConflictException extends PortalException {

    TranslationConflictException(String detail) {
        super(detail);
    }

    @Override
    public Problem problem() {
        return Problem.of(409, "translation-conflict", "Not a translation link", getMessage());
    }
}

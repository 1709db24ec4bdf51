package org.alima.portal.api.documents;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The study design that {@code StudyDesignRules} (portal-indexer) suggested from a document's text, as stored when its
 * file was last processed. Immutable.
 *
 * @param code one of {@code StudyDesign}'s stable codes
 * @param cue the phrase of the text that weighed most, such as {@code randomised}, to show why
 */
@Serdeable
record DesignSuggestion(String code, String cue) {

    /** The suggestion stored in a document's columns; null when the rules suggested none. */
    static @Nullable DesignSuggestion of(@Nullable String code, @Nullable String cue) {
        return code == null ? null : new DesignSuggestion(code, cue);
    }
}

package org.alima.portal.api.search;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** Completions of what a user is typing, best first. Immutable; {@code suggestions} is present even when empty. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
record Suggestions(List<Suggestion> suggestions) {

    /**
     * One completion.
     *
     * @param text a document title or keyword, as the documents spell it
     * @param kind {@code title} (open the document) or {@code keyword} (search for it)
     * @param documentId for a title, the document to open
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Suggestion(String text, String kind, @Nullable String documentId) {}
}

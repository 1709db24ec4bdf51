package org.alima.portal.api.collections;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.alima.portal.api.system.PlainText;

/**
 * A document to add to a collection, at its end, with the curator's note (blank or left out: no note). Immutable.
 */
// @Nullable beside @NotNull: a field left out reaches validation, whose @NotNull names it in a 400, rather than failing
// the JSON binding with a less precise answer.
@SuppressWarnings("MultipleNullnessAnnotations")
@Serdeable
record ItemRequest(
        @Nullable
        @NotNull(message = "is required: the id of the document to add")
        @Pattern(regexp = CollectionRequest.UUID_PATTERN, message = CollectionRequest.UUID_RULE)
        String documentId,

        @Nullable @Size(max = MAX_NOTE, message = "must be at most " + MAX_NOTE + " characters; shorten it") @PlainText
        String note) {

    static final int MAX_NOTE = 2000;
}
